/**
 * Traditional Chinese read as Simplified. The catalogue's Chinese names, aliases and the lexicon are written in
 * Simplified characters, so a question typed in Traditional characters (台灣駕照換越南駕照, 在越南開個體戶要怎麼登記) met
 * few of them, or was read as Japanese where it held a word Japanese writes alike (登記). Source: OpenCC's
 * TSCharacters dictionary (Traditional → Simplified, Apache-2.0; as shipped in the npm package opencc-js 1.4.2),
 * one character for one, kept where the Simplified form occurs in the catalogue's Chinese names, aliases, summaries,
 * the glossary, the lexicon or the stopwords (690 pairs). A question is read as Traditional Chinese when it holds
 * no kana or Hangul and one of the characters below that the catalogue's Japanese text never uses (403: 們, 這, 辦,
 * 證, 續, 體, 灣…); then every character of the table is replaced, also those Japanese shares (開, 個, 結).
 */

/** Traditional character followed by its Simplified form, pair after pair. */
const PAIRS =
  "丟丢並并乾干亞亚佈布佔占併并來来侷局係系俬私倉仓個个們们偽伪傑杰傘伞備备傢家傭佣傳传債债傷伤傾倾僅仅" +
  "僞伪僱雇價价儀仪償偿優优儲储兌兑兒儿內内兩两冊册凍冻別别刪删則则剋克剝剥創创劃划劇剧劍剑劑剂動动務务" +
  "勝胜勞劳勵励匯汇區区協协卹恤卽即厠厕厤历參参員员唸念問问啓启啟启喪丧喫吃單单嗎吗噸吨噹当嚮向嚴严囌苏" +
  "囑嘱國国圍围園园圖图團团垻坝埰采執执報报場场塊块塗涂壓压壞坏壩坝壽寿夥伙奬奖妝妆娛娱婦妇嬰婴學学宮宫" +
  "寀采實实寧宁審审寫写寬宽寶宝將将專专對对導导屆届屍尸層层屬属峯峰峴岘島岛崗岗嵗岁嶼屿師师帶带幟帜幣币" +
  "幫帮幷并幹干庫库廁厕廂厢廠厂廢废廣广廳厅弔吊張张強强彆别彈弹彔录彙汇彫雕後后徑径從从復复徵征態态慶庆" +
  "憑凭應应懶懒懷怀懸悬戰战戲戏戶户拚拼捲卷掃扫掛挂採采揚扬換换揮挥損损摺折撈捞撐撑撥拨撫抚撾挝擁拥擇择" +
  "擊击擔担據据擬拟擴扩攜携攝摄攬揽敎教敵敌數数斷断於于旂旗旣既昇升時时晝昼暫暂曆历曏向書书會会朮术東东" +
  "査查桿杆條条棄弃業业極极榦干榮荣構构槳桨樁桩樂乐樓楼標标樣样樹树機机橫横檔档檢检檯台櫃柜權权歐欧歡欢" +
  "歲岁歷历歸归殘残殺杀殻壳殼壳毀毁氣气汙污決决沒没沖冲況况泝溯減减測测準准溝沟溫温滅灭滙汇滯滞滿满漁渔" +
  "漲涨漿浆潔洁潛潜潤润濃浓濟济瀕濒灘滩灣湾災灾為为無无煙烟燈灯燒烧營营燬毁爭争爲为爾尔牀床牴抵犧牺狀状" +
  "獅狮獎奖獨独獲获獸兽獻献現现琱雕環环產产産产畢毕畫画異异畵画當当療疗癥症癮瘾發发監监盤盘眞真眾众睏困" +
  "矯矫碩硕確确碼码磚砖礎础礙碍礦矿礫砾祕秘稅税種种稱称穀谷積积穩稳穫获競竞筆笔箇个節节範范築筑簡简簽签" +
  "籃篮籌筹籤签糰团糾纠紀纪約约紅红紋纹納纳紙纸級级紛纷紡纺細细紹绍終终組组結结絕绝絡络給给統统絶绝經经" +
  "綜综綠绿綫线維维綱纲網网綵彩緊紧緑绿線线緣缘編编緩缓練练緻致縣县縮缩總总績绩織织繕缮繪绘繫系繳缴繼继" +
  "續续纍累纔才纜缆罰罚羅罗羣群義义習习翫玩聞闻聯联聲声職职聽听脅胁脩修脫脱腎肾腳脚膠胶臟脏臨临臺台與与" +
  "舉举舊旧舘馆艙舱艦舰華华菸烟萊莱萬万葉叶葯药蒐搜蓆席蓋盖蓮莲蔘参薦荐藝艺藥药蘇苏蘭兰處处虛虚號号蟲虫" +
  "蠍蝎衆众術术衕同衚胡衛卫衝冲裏里補补裝装裡里製制複复覈核見见規规視视親亲覽览觀观觸触訂订計计討讨訓训" +
  "託托記记訟讼訪访設设許许訴诉診诊註注証证評评詞词詢询試试話话該该詳详誌志認认誘诱語语誤误說说説说課课" +
  "調调談谈請请論论諮咨諾诺謀谋證证識识譭毁譯译議议護护譽誉讀读變变讓让谿溪豬猪貝贝負负財财貢贡貧贫貨货" +
  "責责貯贮貴贵買买貸贷費费貼贴貿贸賃赁資资賓宾賠赔賣卖賦赋質质賬账賭赌購购賽赛贈赠贍赡跡迹踐践蹟迹蹤踪" +
  "躉趸車车軌轨軍军較较載载輔辅輕轻輛辆輪轮輯辑輸输輻辐轄辖轉转辦办辭辞辯辩農农迴回逕径這这連连週周進进" +
  "遊游運运過过達达違违遞递遠远遡溯適适遲迟遷迁選选遺遗還还邊边郵邮鄉乡鄧邓鄰邻醣糖醫医釦扣鈅钥鈔钞鉆钻" +
  "銀银銷销鋼钢錄录錢钱錦锦錨锚錯错録录錶表鎖锁鎭镇鎮镇鏇旋鏈链鐵铁鑑鉴鑒鉴鑰钥鑽钻長长門门閃闪閉闭開开" +
  "閑闲閒闲間间閘闸閤合閱阅閲阅闆板關关陞升陳陈陸陆陽阳隊队階阶際际隨随險险隱隐隸隶隻只雙双雜杂離离難难" +
  "雲云電电霧雾靈灵靜静韆千韓韩響响頁页頂顶項项順顺須须預预頒颁頓顿領领頭头頻频題题額额顏颜顔颜願愿類类" +
  "顧顾風风颱台飛飞飯饭飲饮飼饲飾饰養养餘余館馆餬糊馬马駐驻駕驾駛驶驗验驛驿髒脏體体髮发鬍胡鬚须魯鲁鮮鲜" +
  "鵰雕鹽盐麪面麫面麯曲麴曲麵面麼么麽么黃黄點点黨党齡龄齣出龍龙";

/** Traditional characters the catalogue's Japanese text never uses: a question holding one is Chinese. */
const CHINESE_ONLY =
  "丟乾亞佈佔來侷俬們傑傘傢傳傾僅僞僱價儲兌兒內兩刪剋剝劃劍劑勝勞勵匯區卹卽厠厤參唸啓啟喫單嗎噸噹嚮嚴囌" +
  "囑國圍圖團垻埰塊壓壞壩壽夥奬妝娛嬰學寀實寧寫寬寶將專對屆屍屬峯峴崗嵗帶幟幫幷廁廂廠廢廣廳弔彆彈彔彙徑" +
  "從徵慶應懶懷戰戲戶拚捲掛摺撈撐撥撫撾擁擇擊擔據擴攜攝攬敎數斷於旂旣晝曆曏會朮東桿條榦榮槳樁樂樓樣橫檔" +
  "檢檯櫃權歐歡歲歷歸殘殼氣汙沒泝溝溫滙滯滿漲潔潛濟瀕灘灣煙燈燒營燬爭爲爾牀牴犧狀獎獨獸獻琱產畢畫畵當癥" +
  "癮發眞眾睏碩碼磚礙礦礫祕稅稱穀穩箇簽籃籌籤糰糾紀紅紡絕經綜綠綫綱綵緣緻縣總繪繫繳繼續纍纔纜羅羣翫聯聲" +
  "聽脩脫腳膠臟臺與舉舊舘艙菸萊萬葯蒐蓆蓋蔘藝藥蘇蘭處虛號蟲蠍衕衚裏裝裡覈覽觀觸註詞詢說諮諾證譭譯譽讀變" +
  "讓谿豬賓賣賬賽贍踐蹟蹤躉較輔輕輛輯輻轉辦辭辯迴逕這遞遲遷邊鄉鄧鄰醣醫釦鈅鈔鉆銷錄錢錦錯錶鎭鏇鏈鐵鑒鑰" +
  "鑽閃閑閒閤閱闆關陞隨險隱隸隻雙雜雲靈靜韆頁頂頓顏颱飯餘餬駕駛驗驛髒體髮鬍鬚魯鮮鵰鹽麪麫麯麴麵麼麽黃點" +
  "黨齡齣" +
  // Chinese question words and particles, and Cantonese's, that Japanese never writes (怎, 您, 哪, 呢, 吧; 唔, 咗, 嘅, 喺,
  // 咩, 冇, 佢): a question holding one is Chinese, and its Traditional characters are read as Simplified though all
  // are ones Japanese shares too (車牌唔見咗: 車 and 見).
  "怎您哪呢吧啊嘛喔哦唔咗嘅喺咩冇佢哋嚟啲乜嘢噉咁";

let table: Map<string, string> | null = null;
let only: Set<string> | null = null;

function tables(): { table: Map<string, string>; only: Set<string> } {
  if (!table || !only) {
    table = new Map();
    for (let i = 0; i + 1 < PAIRS.length; i += 2) table.set(PAIRS[i] as string, PAIRS[i + 1] as string);
    only = new Set(CHINESE_ONLY);
  }
  return { table, only };
}

const KANA_OR_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether a text is Chinese written in Traditional characters (see above). */
export function isTraditionalChinese(text: string): boolean {
  if (KANA_OR_HANGUL.test(text)) return false;
  const { only } = tables();
  for (const ch of text) if (only.has(ch)) return true;
  return false;
}

/**
 * Whether a text read as Chinese may be kanji-only Japanese: it holds a Traditional form of the table that Japanese
 * writes alike (遺, 運, 業, 許, 請, 認, 険) and no character only Chinese writes (isTraditionalChinese), kana or Hangul.
 * A writer of Simplified Chinese types none of these forms (遗族, 运送业, 许可); Japanese shorthand types them all the
 * time (遺族年金, 運送業 許可, 建築許可 延長), while Traditional Chinese of shared characters only (律師執照) is rarer.
 */
export function mayBeKanjiOnlyJapanese(text: string): boolean {
  if (KANA_OR_HANGUL.test(text) || isTraditionalChinese(text)) return false;
  const { table } = tables();
  for (const ch of text) {
    const simplified = table.get(ch);
    if (simplified !== undefined && simplified !== ch) return true;
  }
  return false;
}

/** The text with its Traditional characters in Simplified form, when it is Traditional Chinese; else as it is. */
export function toSimplified(text: string): string {
  return isTraditionalChinese(text) ? inSimplified(text) : text;
}

/**
 * Every Traditional character of the table in Simplified form, for a text already read as Chinese: a short question
 * whose characters Japanese shares too (律師執照, 火化補助, 漁船登記) is Chinese for the detector, having no kana and no
 * Japanese-only form, yet held no character of CHINESE_ONLY and was searched as typed, matching no name (律師, 執照,
 * 補助 are written 律师, 执照, 补助 there). No character of the table occurs in the catalogue's Chinese names.
 */
export function inSimplified(text: string): string {
  const { table } = tables();
  let out = "";
  for (const ch of text) out += table.get(ch) ?? ch;
  return out;
}
