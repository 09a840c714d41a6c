/**
 * Readings of Japanese sentences: the everyday verb forms a question tells a situation with, read as the form the
 * lexicon's phrases and the search's rules hold (query.ts Searcher.search reads a Japanese question through these
 * before anything else).
 */

/**
 * A paper or card someone holds (a passport, an ID card, a licence, a certificate, a land title, a wallet holding
 * them): what a loss verb after it says was lost.
 */
const PAPER_JA =
  /パスポート|旅券|身分証|ＣＣＣＤ|CCCD|免許|証明書|証書|権利証|登録証|保険証|カード|手帳|レッドブック|ピンクブック|ナンバープレート|車検証|財布|書類/u;

/**
 * The everyday ways a Japanese question says a paper was lost, beside 紛失 and なくした (which the lexicon holds):
 * stolen (盗まれた, 盗られた, 盗難に遭った), dropped (落とした; not 引き落とし, a direct debit, nor 見落とし, an oversight),
 * gone (なくなった, 無くなった), not to be found (見つからない, 見当たらない) and lost (失った). The noun 盗難 (a theft)
 * is read as the noun 紛失 (a loss), as in 盗難届 / 紛失届.
 */
const LOSS_VERBS_JA: [RegExp, string][] = [
  [/盗難に(?:遭|あ)っ/gu, "なくし"],
  [/盗難/gu, "紛失"],
  [/盗(?:まれ|られ)/gu, "なくし"],
  [/(?<![引見])落とし(?!物)/gu, "なくし"],
  [/(?:なく|無く)なっ/gu, "なくし"],
  [/(?:見つから|見当たら)(?:ない|なくて|なかった|ず)/gu, "なくした"],
  [/(?<!失)失っ(?=た|て)/gu, "なくし"],
];

/**
 * A Japanese question saying a paper was stolen, dropped, gone or not found (LOSS_VERBS_JA) after naming the paper
 * (PAPER_JA: パスポートを盗まれた, 免許証を落とした, 権利証がなくなった, 身分証が見つからない) reads the loss as なくした or
 * 紛失: a stolen or missing passport is reported lost as one mislaid is (a passport "bị mất" is lost however it
 * went: "công dân Việt Nam bị mất hộ chiếu phổ thông", Law 49/2019/QH14 and the record 1.001445 一般旅券の紛失届),
 * and a stolen licence or title is re-issued as a lost one is. The lexicon's loss events (パスポート … なくし, 免許証 …
 * なくし) and the loss rules (query.ts LOSS_SAID) then read it.
 * Only a verb after a paper's name: 仕事を失った (a job lost) and 父がなくなった (a death typed in kana) are left as typed.
 */
export function withLossRead(text: string): string {
  const paper = PAPER_JA.exec(text);
  if (!paper) return text;
  const from = paper.index + paper[0].length;
  let rest = text.slice(from);
  for (const [verb, read] of LOSS_VERBS_JA) rest = rest.replace(verb, read);
  return text.slice(0, from) + rest;
}

/** A passport named in a Japanese question. */
const PASSPORT_JA = /パスポート|旅券/u;
/** A paper said found again: 見つかった, 見つけた, 出てきた, 戻ってきた. */
const FOUND_JA = /見つか(?:っ|り)|見つけ|出て(?:き|来)|戻って(?:き|来)/u;
/** The words of a loss (紛失届, 紛失, なくした, 失くした, 無くした, 盗まれた, 落とした) a finding undoes. */
const LOSS_WORDS_JA = /紛失届|紛失|(?:なく|失く|無く)し(?:た|て)?|盗まれ(?:た|て)?|落とし(?:た|て)?/gu;

/**
 * A Japanese question about a passport lost and then found again (紛失届を出したパスポートが見つかった, なくしたパスポートが
 * 出てきた) asks to use it again: the restoration of its validity (1.010384 一般旅券の効力回復: "hộ chiếu … bị hủy giá
 * trị sử dụng do bị mất …, sau khi tìm lại được"), which the glossary reads in 'パスポート … 見つかっ'. The loss it
 * tells is over, and read it found the loss report and the lost-passport event first: so its words are left out.
 */
export function withFoundRead(text: string): string {
  if (!PASSPORT_JA.test(text) || !FOUND_JA.test(text)) return text;
  return text.replace(LOSS_WORDS_JA, "");
}

/** A company's seat or office named in a Japanese question (not a branch's, a representative office's or a shop's). */
const COMPANY_SEAT_JA = /会社|本社|本店|オフィス|事務所/u;
/** A branch, a representative office or a business location: their moves are their own registration's change. */
const NOT_SEAT_JA = /支店|支社|駐在|代表事務所|営業所|事業所/u;
/** The everyday verb forms of a move (移った, 移りました, 移る, 移して, 引っ越した, 引越し) and the noun 移転 not after 本社. */
const MOVE_VERB_JA = /(?:(?<!本社)移転|移(?:り|っ|る|し|す|ろ)|引っ?越(?:し|す|さ|そ))/u;

/**
 * A Japanese question telling that a company's office moved (会社の事務所が別の区に移りました, オフィスを引っ越した,
 * 本社が移った, 会社の事務所を移転したい) reads the move as 本社移転, the seat's move: the change of a company's head-office address, which the
 * glossary reads as 本店所在地 (2.002041 "Đăng ký thay đổi địa chỉ trụ sở chính"). Read as typed, 移っ / 引っ越 meant a
 * person's move (the residence events) and 事務所 the representative offices. A branch's or a representative office's
 * move (NOT_SEAT_JA) is left as typed, and so is a move with no company named (家族が移った).
 */
export function withOfficeMoveRead(text: string): string {
  const seat = COMPANY_SEAT_JA.exec(text);
  if (!seat || NOT_SEAT_JA.test(text)) return text;
  const from = seat.index + seat[0].length;
  const rest = text.slice(from);
  const move = MOVE_VERB_JA.exec(rest);
  if (!move) return text;
  return `${text.slice(0, from)}${rest.slice(0, move.index)}本社移転${rest.slice(move.index + move[0].length)}`;
}

/** A noun in kanji or katakana said excluded by 以外 (ホテル以外に, 自宅以外で, 日本以外の), with its particle. */
const EXCEPT_JA = /[\p{Script=Han}\p{Script=Katakana}ー]+以外(?:の|に|で|は|を|が)?/gu;
/** A country other than a named one (日本以外の国, ベトナム以外の国): a foreign country, 外国. */
const EXCEPT_COUNTRY_JA = /[\p{Script=Han}\p{Script=Katakana}ー]+以外の国/gu;

/**
 * A Japanese question naming what it is not about with 以外 (ホテル以外に泊まるときの宿泊届け: a stay somewhere other
 * than a hotel) is read without the excluded noun: read as typed, ホテル found the hotels' star rating (1.004566)
 * before the stay notice (2.001159 Thông báo lưu trú). The noun says what the question leaves out, never what it asks;
 * a country other than one named (日本以外の国で結婚した) is a foreign country, 外国.
 */
export function withExceptRead(text: string): string {
  return text.includes("以外") ? text.replace(EXCEPT_COUNTRY_JA, "外国").replace(EXCEPT_JA, "") : text;
}

/**
 * How many people do something (妻と二人で, 夫婦で, 一人で, 自分ひとりで): who joins the asker or that no one does, not
 * what is asked. Not before a company, a stake or its founding in the same clause (一人で有限会社を設立, 友達と二人で出資して
 * 会社を作る): a company's members are its kind (one-member, two-member limited companies).
 */
const TOGETHER_JA =
  /(?:自分)?(?:一人|ひとり|1人|二人|ふたり|2人|夫婦)で(?![^、。,.!?！？]*(?:会社|法人|有限|合名|出資|設立))/gu;
/** A place where a birth, a death or a fall happened, named before the event's verb within the same clause. */
const EVENT_PLACE_JA =
  /(?:病院|自宅|家|実家|空港|駅|ホテル|旅行先|路上)で(?=[^、。,.!?！？]{0,12}?(?:生まれ|産まれ|産(?:み|ん)|出産|亡くな|死亡|死ん|倒れ))/gu;

/**
 * A Japanese question telling its story with who was there and where it happened reads without them: two people
 * doing it together or one alone (妻と二人で雑貨屋を始める, 夫婦で, カフェを一人で始める: 二人 and 一人 found the names'
 * "two-member" and "one-member" companies, 2人以上有限責任会社)
 * and the place of a birth or a death (病院で娘が生まれた, 自宅で亡くなりました: 病院 found the clinics' licences and
 * 自宅 the home-care of people with merit before the birth or death registration). The place is left out only before
 * the event's verb in the same clause: 病院で健康保険証を出し忘れた keeps its hospital.
 */
export function withNarrativeRead(text: string): string {
  return text.replace(TOGETHER_JA, "").replace(EVENT_PLACE_JA, "");
}
