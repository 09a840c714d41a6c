/**
 * Foreign countries and "abroad" as questions in each language name them: where a Vietnamese asker lives (query.ts
 * LIVING_ABROAD_SAID), where a child was born (policy.ts BIRTH_ABROAD), whose national a person is (policy.ts
 * JA_COUNTRY_PERSON, lexicon.ts FOREIGN_PERSON_JA), where a licence or a pet comes from or goes (policy.ts
 * FOREIGN_LICENCE, PET_LEAVING). One list per language, so a country added for one reading is read by the others too.
 * English also names the states and cities abroad a story says a thing was done in ("married in California", "born
 * in Sydney"). Regular-expression sources, each a group of alternatives; Vietnam is in none.
 */

/** Countries in Japanese, without "abroad" (a longer name before a shorter one it starts with: インドネシア, インド). */
export const JA_COUNTRY_NAMES =
  "日本|韓国|中国|台湾|香港|アメリカ|米国|イギリス|英国|フランス|ドイツ|オーストラリア|ロシア|カンボジア|ラオス|タイ|シンガポール|カナダ|マレーシア|フィリピン|インドネシア|インド";

export const FOREIGN_PLACES = {
  en: "(?:the\\s+)?(?:us|usa|u\\.s\\.|united states|states|america|uk|united kingdom|england|britain|japan|korea|south korea|taiwan|china|hong kong|australia|new zealand|canada|france|germany|russia|singapore|thailand|malaysia|cambodia|laos|philippines|indonesia|india|europe|netherlands|holland|italy|spain|portugal|sweden|norway|denmark|finland|poland|czech republic|czechia|switzerland|austria|belgium|ireland|scotland|israel|qatar|saudi arabia|united arab emirates|uae|dubai|brazil|mexico|south africa|ukraine|myanmar|brunei|macau|mongolia|pakistan|bangladesh|nepal|sri lanka|argentina|egypt|california|texas|florida|new york|new jersey|virginia|massachusetts|illinois|seattle|boston|chicago|los angeles|san francisco|san jose|houston|sydney|melbourne|brisbane|perth|adelaide|auckland|toronto|vancouver|montreal|calgary|london|paris|berlin|munich|frankfurt|tokyo|osaka|seoul|busan|taipei|beijing|shanghai|guangzhou|shenzhen|bangkok|kuala lumpur|manila|jakarta|phnom penh|vientiane|moscow|amsterdam)",
  zh: "(?:国外|國外|海外|外国|外國|境外|美国|美國|日本|韩国|韓國|台湾|台灣|中国|中國|大陆|香港|澳门|澳大利亚|澳洲|加拿大|法国|法國|德国|德國|英国|英國|新加坡|泰国|马来西亚|柬埔寨|老挝|俄罗斯)",
  ja: `(?:${JA_COUNTRY_NAMES}|海外|外国|国外)`,
  ko: "(?:한국|해외|외국|국외|미국|일본|중국|대만|호주|캐나다|독일|프랑스|영국|싱가포르|태국)",
  vi: "(?:nước ngoài|mỹ|nhật|hàn|úc|pháp|đức|anh|canada|singapore|đài loan|trung quốc)",
} as const;
