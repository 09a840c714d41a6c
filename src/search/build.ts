import type { Level } from "../catalogue/index.ts";
import { deriveInitialisms } from "./initialisms.ts";
import {
  analyze,
  compoundPairs,
  foldCase,
  nameKey,
  phoneticWholeName,
  stemOf,
  stripKoreanParticle,
  WHOLE,
  wholeNameKeys,
  wholePieces,
} from "./normalize.ts";
import { DEFAULT_OPTIONS, type EngineOptions, FIELD_NAMES, type FieldName, optionsHash } from "./options.ts";
import { compareCodePoints, Initialisms, PackedStrings } from "./packed.ts";
import { fieldFamily } from "./policy.ts";

/**
 * The index stage: BM25F over weighted fields, with the saturation folded into each posting so a query is a sparse
 * sum over its terms' postings, never a scan. Postings are impact-ordered (best score first) so the ranker can stop
 * admitting new documents once a term's remaining postings cannot reach the top k.
 */

export { FIELD_NAMES, type FieldName } from "./options.ts";

export interface SearchDocument {
  code: string;
  level: Level | null;
  weight: number | null;
  oldCodes: string[];
  /** Vietnamese name: records with the same name up to level/province qualifiers are one group. */
  nameVi: string;
  nameEn: string | null;
  fields: Record<FieldName, string[]>;
  /** A province's own copy of a national procedure (policy.ts, isLocalCopy): ranked after the national record. */
  local?: boolean;
  /** Who the procedure is for, as bits (AUDIENCE_INVESTOR, AUDIENCE_FOREIGN); 0 or absent for everyone. */
  audience?: number;
}

/** In the investor set (data/investor/selection.json): open to foreign investors in a field they meet. */
export const AUDIENCE_INVESTOR = 1;
/** For foreigners: every subject of the record is foreign, or its name names foreigners or a foreign element. */
export const AUDIENCE_FOREIGN = 2;
/**
 * A civil-status procedure "có yếu tố nước ngoài tại khu vực biên giới" is for a resident of a neighbouring country's
 * border area (Decree 123/2015/NĐ-CP, ch. III sec. 3): not the foreigner a question in a foreign language most likely
 * comes from, so it is not lifted as one (AUDIENCE_FOREIGN). Asked in English, "register the death of my father" found
 * the border-area death registration first, ahead of the foreign-element one; a question naming the border still
 * finds it by its words.
 */
const BORDER_AREA = /khu vực biên giới/iu;
/**
 * A procedure "có yếu tố nước ngoài" (with a foreign element: a birth, marriage, death, acknowledgement, guardianship
 * or adoption between a Vietnamese citizen and a foreign party) is the twin of a Vietnamese citizen's own procedure,
 * and either party may ask: a question in a foreign language alone does not say which twin is meant (many who ask
 * in English are Vietnamese, at home or abroad), so it is not lifted as one for foreigners (AUDIENCE_FOREIGN) but
 * marked AUDIENCE_FOREIGN_ELEMENT, and comes first when the question names a foreign or a Vietnamese other party
 * (Searcher: the twin's lift, a life event's order). 'how do we register our marriage' found the marriage with a
 * foreign element first.
 */
const FOREIGN_ELEMENT = /yếu tố nước ngoài/iu;
export const AUDIENCE_FOREIGN_ELEMENT = 8;
/**
 * A civil-status, adoption, nationality or certification procedure filed abroad (at a Vietnamese representative
 * mission: the records without a level, or named "ở nước ngoài", "cơ quan đại diện"; of another field, a record
 * without a level so named: a consular legalisation, a passport or a visa issued at a mission) or recording an event
 * a foreign authority handled ("ghi vào sổ hộ tịch việc … đã được giải quyết tại cơ quan có thẩm quyền của nước
 * ngoài"): a question naming neither a foreign party nor being abroad asks for the one filed in Vietnam (Searcher,
 * RankOptions abroadLean). The recordings name every civil-status event in one long name: 'register guardianship for
 * an elderly parent' found the recording of events handled abroad first.
 */
export const AUDIENCE_ABROAD = 16;
/**
 * A procedure that exempts from something ("miễn": a visa exemption certificate, a duty or tax exemption; "không thuộc
 * diện cấp giấy phép", not subject to a licence: a work permit's exemption, 'Cấp giấy xác nhận không thuộc diện cấp
 * giấy phép lao động', 1.014196, and its re-issue and extension): a question naming no exemption asks for the thing
 * itself (Searcher, RankOptions.exemptionLean). 'how do i get a visa' found the visa exemption certificate first, and
 * 'my company needs a work permit for me' the work permit's exemption.
 */
export const EXEMPTION = 32;
/**
 * A procedure whose name says it is for foreign persons ("cho người nước ngoài", "người lao động nước ngoài", "người
 * không quốc tịch") and names no citizen beside them (the criminal record extract "cho công dân Việt Nam, người nước
 * ngoài …" is every citizen's; one "có yếu tố nước ngoài" a citizen files with a foreign party): a question asked in
 * Vietnamese that names no foreign party asks for the citizen's procedure (Searcher, RankOptions.foreignLean). The
 * name, not the record's subjects: a land record whose one clause names foreign owners is still every owner's.
 */
export const FOREIGNERS_NAMED = 64;
const FOREIGNERS_NAME = /người nước ngoài|người lao động nước ngoài|người không quốc tịch/iu;
const CITIZENS_NAME = /yếu tố nước ngoài|công dân việt nam|người việt nam/iu;
const EXEMPTION_NAME = /(?<![\p{L}])miễn(?![\p{L}])|không thuộc diện cấp giấy phép/iu;
const ABROAD_FIELD = /^(hộ tịch|nuôi con nuôi|quốc tịch|chứng thực|công chứng, chứng thực)$/iu;
const ABROAD_NAME = /ở nước ngoài|cơ quan đại diện|tại cơ quan có thẩm quyền của nước ngoài/iu;

function isAbroad(d: SearchDocument): boolean {
  // Of any field, a record without a level named as filed at a mission abroad ('Thủ tục chứng nhận lãnh sự, hợp pháp
  // hoá lãnh sự tại Cơ quan đại diện Việt Nam ở nước ngoài', 2.000406; the passports and visas issued there): 書類の合法化
  // found the legalisation at a mission abroad before the one filed in Vietnam (1.001308).
  if (d.level === null && ABROAD_NAME.test(d.nameVi)) return true;
  return (
    d.fields.field.some((f) => ABROAD_FIELD.test(f.trim())) &&
    (d.level === null || ABROAD_NAME.test(d.nameVi))
  );
}
/**
 * Filed by organisations only: every subject of the record is an organisation (a company, a cooperative, an agency,
 * "Tổ chức…", "Doanh nghiệp…", "Hợp tác xã"), none a person ("Công dân Việt Nam", "Người nước ngoài", "Cán bộ, công
 * chức, viên chức"…). A question naming no organisation most likely comes from a person, who files the person's twin:
 * 'legal aid' found the registration of law firms to take part in legal aid (2.000596, subjects "Tổ chức") before
 * the request for legal aid (2.000829, "Công dân Việt Nam", "Người nước ngoài") (Searcher, RankOptions.organisationLean).
 */
export const ORGANISATIONS_ONLY = 128;
const PERSON_SUBJECT = /công dân|người|cán bộ|công chức|viên chức|đảng viên|cá nhân|hộ gia đình/iu;

/** Whether a record's subjects (đối tượng thực hiện) are organisations only (ORGANISATIONS_ONLY). */
export function forOrganisationsOnly(subjects: readonly string[]): boolean {
  return subjects.length > 0 && !subjects.some((s) => PERSON_SUBJECT.test(s));
}

/**
 * Filed by the payer of someone else's income: the organisations and individuals paying salaries who settle or
 * declare the income tax they withhold from staff ("Khai quyết toán thuế thu nhập cá nhân đối với tổ chức, cá nhân trả
 * thu nhập…", 1.008309; its monthly return, 2.002235; the refund it claims for them, 1.008562), or who withhold and pay
 * for a foreign contractor ("… doanh nghiệp, tổ chức, cá nhân khấu trừ nộp thay…", 1.008494). Their subjects name an
 * individual (a payer may be one), so ORGANISATIONS_ONLY misses them, and they are in the investor set, which that
 * lean leaves alone; yet the employee asking about "quyết toán thuế TNCN" or "個人の納税者番号" files the resident
 * individual's own return (2.002233) or tax registration (1.008498) (Searcher, RankOptions.organisationLean).
 */
export const PAYER_FILED = 512;

/**
 * Named for an enterprise, a company or a cooperative and not for a household business: a household business is no
 * enterprise (Law on Enterprises 59/2020/QH14; Decree 168/2025/NĐ-CP registers it apart), so a question naming one
 * asks for the household business's procedure ('hộ kinh doanh bị mất giấy phép kinh doanh' found the enterprise's
 * certificate re-issued first), though such records also name a citizen among their subjects (Searcher,
 * RankOptions.householdLean).
 */
export const ENTERPRISE_NAMED = 1024;

/**
 * For a foreigner who no longer lives in Vietnam: the criminal record extract of a foreigner who has resided there
 * ("… người nước ngoài đã cư trú tại Việt Nam", 3.000330, at the National Centre for Judicial Records, and its two
 * twins requested by agencies; Law on Judicial Records 28/2009/QH12 art. 45) beside the one of a foreigner residing
 * there (3.000333, at the provincial police). Only the question says which: one saying the asker has left asks for
 * these (query.ts LEFT_VIETNAM_SAID, Searcher liftMarked).
 */
export const LEFT_VIETNAM = 2048;
/**
 * For a pensioner who goes abroad to settle: the lump sum paid instead of the monthly pension ("… đang hưởng lương hưu,
 * trợ cấp BHXH hàng tháng ra nước ngoài để định cư", 2.000755, and the reform's 1.014174; Law on Social Insurance
 * 41/2024/QH15 art. 70). A question naming a pension and a settling abroad asks for these (query.ts SETTLING_SAID,
 * Searcher liftMarked); one naming no pension ('leaving Vietnam for good, my social insurance money') is the
 * one-time social insurance of a worker (1.001613), which names no leaving.
 */
export const SETTLING_ABROAD = 4096;
/**
 * Filed at a Vietnamese representative mission abroad (an embassy or consulate): a record without a level whose name
 * says "ở nước ngoài" or "cơ quan đại diện" (the ordinary passport issued abroad, 1.010094; the birth registration of
 * a child born abroad, 1.001020; the marital status certificate of a citizen residing abroad, 2.000689). A question
 * saying the asker lives abroad asks for these, not their domestic twins the usage puts first (query.ts
 * LIVING_ABROAD_SAID, Searcher liftMissionTwins). Not "xác định có quốc tịch Việt Nam và cấp hộ chiếu" (2.000772), which
 * names no place: it is for one who cannot prove a nationality.
 */
export const AT_MISSION = 8192;
const AT_MISSION_NAME = /ở nước ngoài|cơ quan đại diện/iu;
/**
 * For those entitled to diplomatic privileges and immunities, though the name reads as everyone's: a record of the
 * field "Ưu đãi, miễn trừ" whose name does not say who it is for. 3.000249 'Thủ tục cấp thẻ tạm trú cho người nước
 * ngoài tại Việt Nam' is filed with the Ministry of Foreign Affairs, and its text says "người nước ngoài là thành viên
 * cơ quan đại diện ngoại giao, cơ quan lãnh sự, cơ quan đại diện của tổ chức quốc tế tại Việt Nam và vợ, chồng, con
 * dưới 18 tuổi": a question naming no diplomat, mission or immunity asks for everyone's twin (query.ts, policy.ts
 * diplomaticSaid, RankOptions.privilegedLean). 'temporary residence card for my foreign spouse' found the diplomats'
 * card, whose text names spouses, before the provincial police's (1.003460). Not a record whose name says it ("… cho
 * thành viên cơ quan đại diện ngoại giao …", 3.000247; "… của đối tượng được hưởng quyền ưu đãi, miễn trừ", 1.007827;
 * "… theo đề nghị của cơ quan đại diện ngoại giao nước ngoài …", 2.000545): the name tells the reader, and a question
 * matching it may have no other answer ('外資系学校 設立' has only 2.000545).
 */
export const PRIVILEGED = 32768;
const PRIVILEGED_FIELD = /^ưu đãi, miễn trừ$/iu;
const PRIVILEGED_NAME = /ưu đãi,? miễn trừ|ngoại giao|lãnh sự/iu;

function isPrivileged(d: SearchDocument): boolean {
  return d.fields.field.some((f) => PRIVILEGED_FIELD.test(f.trim())) && !PRIVILEGED_NAME.test(d.nameVi);
}

const SETTLING_ABROAD_NAME = /ra nước ngoài để định cư/iu;
const LEFT_VIETNAM_NAME = /đã cư trú tại việt nam/iu;
const ENTERPRISE_NAME = /doanh nghiệp|công ty|hợp tác xã/iu;
const HOUSEHOLD_NAME = /hộ kinh doanh|cá nhân kinh doanh|hộ gia đình/iu;
const PAYER_NAME =
  /(?:đối với|của) (?:(?:người nộp thuế là )?doanh nghiệp, )?tổ chức, cá nhân (?:trả thu nhập|khấu trừ)/iu;

/**
 * Kept in the same byte: the procedure acts on a licence or registration one already holds (its name starts with
 * "Cấp lại", "Gia hạn", "Điều chỉnh", "Cấp điều chỉnh", "Thay đổi", "Chấm dứt"…, also asked for: "Đề nghị thu hồi",
 * "Yêu cầu gia hạn", registered: "Đăng ký thay đổi", "Đăng ký chấm dứt giám hộ", or approved: "Chấp thuận điều chỉnh
 * chủ trương đầu tư", "Phê duyệt sửa đổi", or withdrawn: "Rút yêu cầu trợ giúp pháp lý", "Rút tiền ký quỹ"), not the
 * first issuance. Registered again too ("Đăng ký lại kết hôn", "Đăng ký lại khai sinh", "Đăng ký lại mẫu con dấu": the
 * register or the paper lost, Decree 123/2015/NĐ-CP arts. 24–28): its words in the other languages' names (重新,
 * 재등록, 再登録) are then learned as actions (firstIssueTwins), and '重新登记结婚' asks for the re-registration, not the
 * marriage's first registration that the marriage event lifts.
 */
export const SECONDARY_ACTION = 4;
const SECONDARY_NAME =
  /^(thu tuc )?(de nghi |yeu cau )?(cap lai|cap doi|cap dieu chinh|cap sua doi|cap bo sung|cap gia han|doi|gia han|dieu chinh|sua doi|bo sung|thay doi|dang ky thay doi|dang ky cham dut|dang ky lai|chap thuan dieu chinh|chap thuan gia han|phe duyet dieu chinh|phe duyet sua doi|thu hoi|cham dut|dinh chinh|huy|tam ngung|xoa|rut)\b/;

/** Whether a Vietnamese name is of a procedure acting on what one already holds (SECONDARY_ACTION). */
export function isSecondaryAction(nameVi: string): boolean {
  return SECONDARY_NAME.test(nameKey(nameVi));
}

/**
 * The name says, anywhere in it, an action on something one already holds: re-issued ("cấp lại"), exchanged ("cấp
 * đổi", "Đổi" opening the name), changed or adjusted ("thay đổi", "điều chỉnh", "sửa đổi", "bổ sung", "cải chính",
 * "đính chính", "cập nhật"), registered again ("đăng ký lại") or put in another's name ("sang tên"). Not only at its
 * start (SECONDARY_ACTION): a case clause says it too ("Cấp chứng nhận đăng ký xe, biển số xe trong trường hợp thay
 * đổi chủ xe", 1.013076; "Thẩm duyệt thiết kế về phòng cháy và chữa cháy (trường hợp điều chỉnh thiết kế …)",
 * 1.115392). Not an action negated ("… không thay đổi nội dung đăng ký", 1.010029), nor one listed after a plain act
 * the name opens on ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp …", "Cấp mới/cấp lại …", "Đăng ký sử dụng hoá đơn
 * điện tử/ Thay đổi nội dung …", "(khai sinh; …; thay đổi hộ tịch)"): such a record is the plain act too. A question
 * in Chinese, Korean or Japanese saying no action finds the plain sibling of such a record first (Searcher
 * leadPlainSiblings).
 */
export const ACTION_NAMED = 16384;
const NAMED_ACTIONS = [
  /(?<!\p{L})(?:cấp lại|làm lại|thay đổi|điều chỉnh|sửa đổi|bổ sung|cải chính|đính chính|cập nhật|đăng ký lại|sang tên)(?!\p{L})/giu,
  /(?:^(?:thủ tục )?(?:đề nghị )?|(?<!\p{L}))cấp đổi(?!\p{L})|^(?:thủ tục )?đổi(?!\p{L})/giu,
];
const OPENS_ON_ACTION =
  /^(?:thủ tục )?(?:đề nghị |yêu cầu )?(?:cấp lại|cấp đổi|đổi|thay đổi|điều chỉnh|sửa đổi|bổ sung|đăng ký thay đổi|đăng ký lại|cải chính|đính chính)(?!\p{L})/iu;

/** Whether a Vietnamese name says an action on something held anywhere in it (ACTION_NAMED). */
export function isActionNamed(nameVi: string): boolean {
  const name = nameVi.normalize("NFC").toLowerCase();
  const opens = OPENS_ON_ACTION.test(name);
  for (const re of NAMED_ACTIONS)
    for (const m of name.matchAll(re)) {
      const before = name.slice(0, m.index);
      if (/không $/u.test(before)) continue;
      if (!opens && /[,;/] ?(?:đăng ký |đề nghị )?$/u.test(before)) continue;
      return true;
    }
  return false;
}

/**
 * A procedure joining others, each also filed on its own: "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký
 * thường trú, cấp thẻ bảo hiểm y tế …", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "Đăng ký tách thửa …
 * đồng thời với chuyển quyền …" (Searcher, RankOptions.combinedLean). Not "sử dụng đất kết hợp đa mục đích" (one
 * use of land) nor "giao kết hợp đồng" (concluding a contract).
 */
export const COMBINED = 256;
const COMBINED_NAME = /^(thu tuc )?lien thong\b|\bket hop dang ky\b|\bdong thoi voi\b/;

/** Whether a Vietnamese name is of a procedure joining others filed on their own too (COMBINED). */
export function isCombined(nameVi: string): boolean {
  return COMBINED_NAME.test(nameKey(nameVi));
}

/** Each document's field as a number (SearchIndexData.fieldIds), the fields of one family (policy.ts) one number. */
function fieldIdsOf(docs: SearchDocument[]): Uint16Array {
  const ids = new Map<string, number>();
  return Uint16Array.from(
    docs.map((d) => {
      const field = fieldFamily(d.fields.field[0]?.trim() ?? "");
      if (field === "") return 0;
      const known = ids.get(field);
      if (known !== undefined) return known;
      const id = ids.size + 1;
      ids.set(field, id);
      return id;
    }),
  );
}

export const LEVEL_CODES: (Level | null)[] = [null, "ministry", "province", "commune"];

/**
 * The star grades a procedure's Vietnamese name names, bit n for n stars: "hạng 1 sao, 2 sao, 3 sao" (a province
 * grades such hotels), "hạng 4 sao, 5 sao" (the ministry's tourism authority does), "đạt hạng 3 sao trở lên" (three
 * and up); 0 for a name naming none. A question naming a grade (policy.ts starsAsked) asks for the procedure of that
 * grade, whatever the usage of the other.
 */
export function starGradesOf(nameVi: string): number {
  const name = nameVi.toLowerCase();
  if (!/\bhạng\b/u.test(name)) return 0;
  let bits = 0;
  for (const m of name.matchAll(/\b([1-5])\s*sao(\s+trở lên)?(?!\p{L})/gu)) {
    const n = Number(m[1]);
    for (let k = n; k <= (m[2] ? 5 : n); k++) bits |= 1 << k;
  }
  return bits;
}

export interface SearchIndexData {
  codes: string[];
  levels: Uint8Array;
  groups: Uint32Array;
  /** 1 for a province's own copy of a national procedure (SearchDocument.local), else 0. */
  local: Uint8Array;
  /** The star grades each procedure's Vietnamese name names (starGradesOf), else 0. */
  grades: Uint8Array;
  /**
   * SearchDocument.audience per document, with SECONDARY_ACTION, COMBINED, PAYER_FILED, ENTERPRISE_NAMED,
   * LEFT_VIETNAM, SETTLING_ABROAD and AT_MISSION (0 in an index built before them).
   */
  audience: Uint16Array;
  /** 1 for a variant the portal's usage puts first in its group (usedVariants), else 0. */
  used: Uint8Array;
  /**
   * The first-issue twins of each procedure acting on a held licence (firstIssueTwins): those of document d are
   * twinDocs[twinOffsets[d] .. twinOffsets[d + 1]].
   */
  twinOffsets: Uint32Array;
  twinDocs: Uint32Array;
  /** Words that tell such a procedure from its first issuance in some language ("lai", "renewal", "补发", "재발급"). */
  actionTerms: string[];
  /**
   * The words each procedure acting on a held licence has in its names and none of its first-issue twins' names do
   * (firstIssueTwins: its action and the case its name says, "cơ sở kinh doanh bị thu hồi"; space-separated, with
   * their stems; "" for none).
   */
  twinWords: string[];
  /**
   * The twins with a foreign element of each procedure (foreignTwins): those of document d are
   * foreignDocs[foreignOffsets[d] .. foreignOffsets[d + 1]].
   */
  foreignOffsets: Uint32Array;
  foreignDocs: Uint32Array;
  /**
   * The single procedures a combined one names among its parts (combinedParts): those of document d are
   * partDocs[partOffsets[d] .. partOffsets[d + 1]].
   */
  partOffsets: Uint32Array;
  partDocs: Uint32Array;
  /**
   * Each procedure's plainer twins (plainerTwins): those of document d are plainDocs[plainOffsets[d] ..
   * plainOffsets[d + 1]].
   */
  plainOffsets: Uint32Array;
  plainDocs: Uint32Array;
  /**
   * Each procedure's twins filed at a Vietnamese mission abroad (missionTwins): those of document d are
   * missionDocs[missionOffsets[d] .. missionOffsets[d + 1]].
   */
  missionOffsets: Uint32Array;
  missionDocs: Uint32Array;
  /** The words each procedure's name adds to its plainer twins' (folded, space-separated; "" for none). */
  plainWords: string[];
  /**
   * Each procedure's field (the national record's "lĩnh vực") as a number, 1 and up in order of first appearance; 0
   * for none. Two procedures of one field are siblings (Searcher leadPlainSiblings).
   */
  fieldIds: Uint16Array;
  priors: Float32Array;
  /** Every term, sorted by code points (compareCodePoints); a term's id is its position. */
  terms: PackedStrings;
  offsets: Uint32Array;
  postingDocs: Uint16Array;
  /** Scores quantised to 16 bits, best first within each term; multiply by `scoreScale` to get the BM25F value. */
  postingScores: Uint16Array;
  scoreScale: number;
  /** Latin words of names and aliases: the short vocabulary typos are corrected against. */
  vocabulary: string[];
  oldCodes: [string, number][];
  /** Folded Vietnamese syllables and English words seen in names, for query language detection. */
  viWords: string[];
  enWords: string[];
  /** Initialisms derived from the catalogue's phrases (see initialisms.ts). */
  initialisms: Initialisms;
  /** Hash of the engine options the index was built with (written into the header, checked at load). */
  optionsHash: string;
  /** Hash of the build's inputs (data/ and the code that shapes the index), set by the build (src/node/build.ts). */
  inputsHash?: string;
}

/**
 * The agency a record is filed at closes many names ("… tại Cục Quản lý xuất nhập cảnh, Bộ Công an" and "… tại Việt
 * Nam tại Công an cấp tỉnh"): the same procedure at two levels, so one group.
 */
const AT_AGENCY =
  /\s+tại (cục|công an|bộ|sở|ủy ban|ubnd|phòng|chi cục|văn phòng|trung tâm|cơ quan|đại sứ quán)\b[^()]*$/iu;

/**
 * "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)" and its central twin share one key, and so do names
 * that differ only by a leading "Thủ tục" ("THỦ TỤC THÀNH LẬP HỘI", the ministry's, 1.012928, and "Thành lập hội", the
 * commune's, 1.013703): one procedure at several levels, one group.
 */
export function groupKey(nameVi: string): string {
  return nameKey(
    nameVi
      .replace(/\([^()]*\)/gu, " ")
      .trim()
      .replace(AT_AGENCY, " ")
      .replace(/\s+tại việt nam\s*$/iu, " ")
      .replace(/\b(thực hiện )?tại (cấp|các cơ quan) [^,;]*$/iu, " ")
      .replace(/\b(cấp (tỉnh|xã|huyện|trung ương|bộ))\s*$/iu, " "),
  ).replace(/^thu tuc /, "");
}

/**
 * The group key of a social-insurance benefit under the name the July 2025 reform gave it: the older records are named
 * "Giải quyết hưởng …" (the benefit's claim resolved, commune, with the portal's use) and write "BHXH"; the reform's
 * records "Hưởng …" in full words (province, no use yet). Where the rest of the name is the same ("Giải quyết hưởng
 * bảo hiểm xã hội một lần", 1.001613, and "HƯỞNG BẢO HIỂM XÃ HỘI MỘT LẦN.", 1.014173), they are one procedure's
 * variants, shown together.
 */
export function reformKey(key: string): string {
  return key.replace(/^giai quyet (?=huong )/, "").replace(/\bbhxh\b/g, "bao hiem xa hoi");
}

/** A name that says the level it is filed at: "… (thực hiện tại cấp tỉnh)", "… (cấp xã)". */
const LEVEL_NAMED = /\((thực hiện )?tại cấp [^()]*\)|\(cấp (xã|huyện|tỉnh|trung ương|bộ)\)/iu;
/** Portal uses (December 2025, five months after the reform) that count as evidence of where people file. */
export const USED_VARIANT_WEIGHT = 1000;
/**
 * How many times each twin's uses the most used must have to come first among twins told apart by authority or scope
 * (usedVariants): ten times, as between the national art exhibition licence (8,532 uses) and the province's (none).
 */
const USED_SCOPE_LEAD = 10;

/**
 * The variants the portal's usage puts first: in a group whose every record is one procedure published per level
 * under one name ("Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp xã / tỉnh / trung ương)"), a record used at
 * least USED_VARIANT_WEIGHT times when a twin at the citizen's likely level had no recorded use. Usage decides
 * between the local levels only (province over an unused commune twin): a ministry's twin stays after them, since
 * after the reform citizens file at the commune or the province. Where the reform
 * made a new record with the plain name ("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", commune, beside "… (thực
 * hiện tại cấp tỉnh)" with last year's use), the group is not all level-named and the citizen's level stays first.
 * In a group naming no level at all, whose records are told apart by the authority or the scope they are filed under
 * (a ministry's licence for a national exhibition, a province's for a local one), the record used at least
 * USED_VARIANT_WEIGHT times and USED_SCOPE_LEAD times as much as each other comes first, whatever its level: the
 * scope most people ask for is the one they file under.
 */
export function usedVariants(docs: SearchDocument[], groups: Uint32Array): Uint8Array {
  const used = new Uint8Array(docs.length);
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const weight = (i: number) => (docs[i] as SearchDocument).weight ?? 0;
    if (!list.some((i) => LEVEL_NAMED.test((docs[i] as SearchDocument).nameVi))) {
      // Twins told apart by the authority or the scope they are filed under, no level named ("… (thẩm quyền của Bộ
      // Văn hóa …)" beside "… (thẩm quyền của Ủy ban nhân dân cấp tỉnh)", "… (phạm vi liên tỉnh, quốc tế)" beside
      // "… (phạm vi nội tỉnh)"): the one the portal's usage clearly puts first, at any level.
      const top = list.reduce((a, b) => (weight(b) > weight(a) ? b : a));
      if (
        weight(top) >= USED_VARIANT_WEIGHT &&
        list.every((i) => i === top || weight(i) * USED_SCOPE_LEAD <= weight(top))
      )
        used[top] = 1;
      continue;
    }
    if (!list.every((i) => LEVEL_NAMED.test((docs[i] as SearchDocument).nameVi))) continue;
    if (!list.some((i) => weight(i) === 0)) continue;
    for (const i of list) {
      const level = (docs[i] as SearchDocument).level;
      if (weight(i) >= USED_VARIANT_WEIGHT && (level === "commune" || level === "province")) used[i] = 1;
    }
  }
  return used;
}

/** What a name issues once its action is taken off: "Cấp lại giấy phép lao động …" and "Cấp giấy phép lao động …". */
const SECONDARY_PREFIX =
  /^(cap lai|cap doi|cap dieu chinh|cap sua doi|cap bo sung|cap gia han|doi|gia han|dieu chinh|sua doi|bo sung|thay doi|dang ky thay doi|dang ky cham dut|dang ky lai|thu hoi|cham dut|dinh chinh|huy|tam ngung|xoa|trinh bao mat)\b ?/;
const FIRST_PREFIX = /^(cap moi|cap|dang ky cap|dang ky|xin cap)\b ?/;

/**
 * A report of a lost document ("Trình báo mất hộ chiếu phổ thông", "Trình báo mất thẻ ABTC", "Trình báo mất giấy
 * thông hành"): it acts on what one held, as a re-issue does, so it is a first issuance's twin (firstIssueTwins) and
 * stays behind it where the question names no loss ('APEC商务旅行卡', 'thẻ ABTC' asked for the card and found its loss
 * report first). Not SECONDARY_ACTION: that lean reads no loss word as an action ('lost passport' put the restoration
 * of a found passport before the report, against the settled policy of the lost passport).
 */
const LOSS_REPORT = /^(thu tuc )?trinh bao mat /;

/**
 * A case a secondary action's name says after the thing it acts on ("Cấp lại Giấy chứng nhận đủ điều kiện về an ninh,
 * trật tự đối với trường hợp cơ sở kinh doanh bị thu hồi", "Cấp lại Giấy phép kinh doanh vận tải bằng xe ô tô … khi
 * có sự thay đổi …"): the thing is still the first issuance's ("Cấp mới Giấy chứng nhận đủ điều kiện về an ninh, trật
 * tự", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô …"), and the two are twins (firstIssueTwins).
 */
const CASE_CLAUSE = /^ (doi voi truong hop|trong truong hop|truong hop|khi|do) /;

/** Names of procedures acting on a held licence adding a word to their first issuance's, at which it is common. */
const COMMON_TWIN_WORD = 10;

export interface FirstIssueTwins {
  offsets: Uint32Array;
  docs: Uint32Array;
  actionTerms: string[];
  /** Per document, the words of its names no first-issue twin's name has (SearchIndexData.twinWords). */
  words: string[];
}

/**
 * Each procedure acting on a licence one already holds (SECONDARY_ACTION: re-issue, exchange, extension,
 * adjustment…) and its first issuance: the records that issue the same thing, their name without its action
 * ("Cấp lại giấy phép lao động đối với …" → "giấy phép lao động đối với …") the same, or the same followed by more
 * ("Cấp đổi thẻ căn cước" and "Cấp thẻ căn cước cho người dưới 14 tuổi"), or the first's followed by a case
 * (CASE_CLAUSE). Also the words that tell the two apart in any language's name, seen in at least `minPairs` pairs ("lai", "re", "renewal", "补发", "재발급", "延長"): a query
 * holding one of them, typed or reached through the lexicon, asks for the action.
 */
export function firstIssueTwins(docs: SearchDocument[], minPairs = 10): FirstIssueTwins {
  const secondary = docs.map((d) => isSecondaryAction(d.nameVi) || LOSS_REPORT.test(nameKey(d.nameVi)));
  const objects = docs.map((d, i) => {
    const key = groupKey(d.nameVi);
    // "Cấp giấy phép xây dựng mới đối với …" issues what "Gia hạn giấy phép xây dựng đối với …" extends: "mới" (new)
    // after the thing issued says the issuance is a first one, as "Cấp mới" before it does.
    if (!secondary[i]) return key.replace(FIRST_PREFIX, "").replace(/^((?:\S+ ){1,5}?)(?<!doi )moi /, "$1");
    // A name may chain its actions ("Cấp đổi, cấp lại giấy phép …", "Gia hạn, điều chỉnh giấy phép …"): each is
    // taken off.
    let o = key;
    for (let before = ""; before !== o; ) {
      before = o;
      o = o.replace(SECONDARY_PREFIX, "").replace(/^(va|hoac) /, "");
    }
    return o.replace(/^(dang ky|cap) /, "");
  });
  const head = (o: string) => o.split(" ").slice(0, 2).join(" ");
  const firsts = new Map<string, number[]>();
  objects.forEach((o, i) => {
    if (secondary[i] || o === "") return;
    const list = firsts.get(head(o));
    if (list) list.push(i);
    else firsts.set(head(o), [i]);
  });
  const words = new Map<number, Set<string>>();
  const wordsOf = (i: number) => {
    let w = words.get(i);
    if (!w) {
      w = new Set((docs[i] as SearchDocument).fields.name.flatMap((n) => analyze(n).unigrams));
      words.set(i, w);
    }
    return w;
  };
  const lists: number[][] = docs.map(() => []);
  const ownWords: string[] = docs.map(() => "");
  const pairs = new Map<string, number>();
  objects.forEach((o, i) => {
    if (!secondary[i] || o.split(" ").length < 2) return;
    // A name may list its objects, each starting as the first does ("Cấp đổi thẻ hướng dẫn viên du lịch quốc tế, thẻ
    // hướng dẫn viên du lịch nội địa"): each is an object of its own.
    // Only where a comma, a semicolon, a slash, 'và' or 'hoặc' comes before it ("… trong trường hợp bị thu hồi chứng
    // chỉ hành nghề" names one thing), and a part of three words or fewer ("giấy chứng nhận") names too little.
    const listed = nameKey((docs[i] as SearchDocument).nameVi.replace(/\s*[,;/]\s*/gu, " và "));
    const parts = new RegExp(`\\b(va|hoac) ${head(o)} `).test(listed)
      ? [
          o,
          ...o
            .split(` ${head(o)} `)
            .map((p, k) => (k === 0 ? p : `${head(o)} ${p}`))
            .filter((p) => p !== o && p.split(" ").length > 3),
        ]
      : [o];
    const list = (firsts.get(head(o)) ?? []).filter((f) =>
      parts.some(
        (p) =>
          objects[f] === p ||
          objects[f]?.startsWith(`${p} `) ||
          (p.startsWith(`${objects[f]} `) && CASE_CLAUSE.test(p.slice((objects[f] as string).length))),
      ),
    );
    lists[i] = list;
    const mine = wordsOf(i);
    for (const f of list) {
      const theirs = wordsOf(f);
      for (const u of mine) if (!theirs.has(u)) pairs.set(u, (pairs.get(u) ?? 0) + 1);
    }
    if (list.length > 0) {
      // With their stems ("#busin" of "business"), where no twin's word has the same stem.
      const own = [...mine].filter((u) => list.every((f) => !wordsOf(f).has(u)));
      const theirStems = new Set(list.flatMap((f) => [...wordsOf(f)].map(stemOf)));
      const stems = own.map(stemOf).filter((u): u is string => u !== null && !theirStems.has(u));
      ownWords[i] = [...new Set([...own, ...stems])].sort().join(" ");
    }
  });
  // A word of the other languages' names that more first issuances' names hold than pairs tell apart by it ("under"
  // of "under 14", "for", "level", "provincial") names no action: read as one, it kept every question holding it
  // from the first issuance ("identity card for a child under 14" found the card's exchange first). Vietnamese
  // syllables stay ("gia" of "gia hạn" is also in "gia đình").
  const inFirsts = new Map<string, number>();
  docs.forEach((_, i) => {
    if (secondary[i]) return;
    for (const u of wordsOf(i)) if (pairs.has(u)) inFirsts.set(u, (inFirsts.get(u) ?? 0) + 1);
  });
  const vi = new Set(docs.flatMap((d) => analyze(d.nameVi).unigrams));
  // A word that many such names add to their first issuance's (变更, 조정, "change", "case") names an action or a
  // case in general, as actionTerms do, whether or not it tells enough twins apart to be one: kept out.
  const adding = new Map<string, number>();
  for (const w of ownWords)
    for (const u of w === "" ? [] : w.split(" ")) adding.set(u, (adding.get(u) ?? 0) + 1);
  const caseWords = ownWords.map((w) =>
    w === ""
      ? ""
      : w
          .split(" ")
          .filter((u) => (adding.get(u) ?? 0) < COMMON_TWIN_WORD)
          .join(" "),
  );
  return {
    ...asOffsets(lists),
    words: caseWords,
    actionTerms: [...pairs]
      .filter(([t, n]) => n >= minPairs && (vi.has(t) || n >= (inFirsts.get(t) ?? 0)))
      .map(([t]) => t)
      .sort(),
  };
}

/** A name joining several procedures: interlinked ("Liên thông …"), combined ("… kết hợp …") or listed ("…; …"). */
const JOINED_NAME = /liên thông|kết hợp|;/iu;
/** The words that open an interlinked name before its parts ("Liên thông các thủ tục hành chính về …"). */
const COMBINED_OPENING =
  /^\s*(thủ tục\s+)?(thực hiện\s+)?(liên thông|nhóm)\s+(các\s+)?(thủ tục\s+)?(hành chính\s+)?(về\s+|đối với\s+)?/iu;
/** What stands between a combined name's parts. */
const COMBINED_JOINT = /\s*[;,]\s*|\s+kết hợp(?:\s+với)?\s+|\s+và\s+|\s+liên thông(?:\s+với)?\s+/iu;

/**
 * Each combined procedure's single parts: the records whose whole name (as groupKey reads it, "Thủ tục" taken off) is
 * one of the parts the combined name joins, a part being any run of the pieces between its commas, semicolons, "kết
 * hợp", "và" ("Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con": the birth registration 1.001193 and the
 * acknowledgement of parents and children 1.001022; "Chuyển mục đích sử dụng đất; chuyển hình thức sử dụng đất; gia
 * hạn sử dụng đất khi hết thời hạn sử dụng đất; …": each of the three on its own). A question the single procedure
 * answers as well as the combined one asks for the single one (Searcher, holdCombined).
 */
export function combinedParts(docs: SearchDocument[]): { offsets: Uint32Array; docs: Uint32Array } {
  const key = (name: string) => groupKey(name).trim();
  const singles = new Map<string, number[]>();
  docs.forEach((d, i) => {
    // A province's own copy of a procedure (local) is no single part of the national combined one: the provinces'
    // "Gia hạn sử dụng đất khi hết thời hạn sử dụng đất" (1.115379 …) are theirs, the nation's is the combined 1.013949.
    if (JOINED_NAME.test(d.nameVi) || d.local) return;
    const k = key(d.nameVi);
    if (k.split(" ").length < 2) return;
    const list = singles.get(k);
    if (list) list.push(i);
    else singles.set(k, [i]);
  });
  const lists: number[][] = docs.map((d, i) => {
    if (!JOINED_NAME.test(d.nameVi)) return [];
    const pieces = d.nameVi
      .replace(/\([^()]*\)/gu, " ")
      .replace(COMBINED_OPENING, "")
      .split(COMBINED_JOINT)
      .filter((x) => x.trim() !== "");
    if (pieces.length < 2) return [];
    const found = new Set<number>();
    for (let from = 0; from < pieces.length; from++)
      for (let to = from + 1; to <= pieces.length; to++) {
        if (from === 0 && to === pieces.length) continue;
        for (const s of singles.get(key(pieces.slice(from, to).join(", "))) ?? []) if (s !== i) found.add(s);
      }
    return [...found].sort((a, b) => a - b);
  });
  return asOffsets(lists);
}

/** At most this many words a name adds to a plainer one's for it to be held behind it (plainerTwins). */
const PLAINER_EXTRA = 3;
/**
 * "(tại) khu vực biên giới", a border area, counts as one word added: the civil-status procedures with a foreign
 * element have border-area twins for residents of the border areas ('Thủ tục đăng ký nhận cha, mẹ, con có yếu tố nước
 * ngoài tại khu vực biên giới', 1.000080, beside 2.000779; the birth's 1.000110, the marriage's 1.000094, the death's
 * 1.004827), which a question naming no border does not ask for ('acknowledge paternity foreign father' found the
 * border area's first). A question saying the border in any language keeps them (BORDER_SAID, holdPlainer).
 */
const BORDER_WORDS = ["khu", "vuc", "bien", "gioi"];
const BORDER_SAID = ["border", "borders", "边境", "국경", "国境"];

/**
 * Each procedure's plainer twins: the records whose name (as groupKey reads it, "Thủ tục" taken off) has only words
 * this one's has, and this one's at most PLAINER_EXTRA words more ("ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn
 * …" holds every word of "ghi vào Sổ hộ tịch việc kết hôn …", and "ly", "hủy" more). A question the plainer one
 * answers as well asks for it, whatever the other's use (Searcher, holdPlainer).
 */
export function plainerTwins(docs: SearchDocument[]): { lists: number[][]; extra: string[] } {
  const keys = docs.map((d) => groupKey(d.nameVi));
  const words = keys.map((k) => k.split(/[\s,;/.:\-–]+/u).filter(Boolean));
  const sets = words.map((w) => new Set(w));
  const counts = words.map((list) => {
    const c = new Map<string, number>();
    for (const w of list) c.set(w, (c.get(w) ?? 0) + 1);
    return c;
  });
  const byWord = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const w of s) {
      const list = byWord.get(w);
      if (list) list.push(i);
      else byWord.set(w, [i]);
    }
  });
  const lists: number[][] = docs.map(() => []);
  const extra: Set<string>[] = docs.map(() => new Set());
  sets.forEach((plain, a) => {
    if (plain.size < 3 || docs[a]?.local) return;
    let rarest: number[] = [];
    for (const w of plain) {
      const list = byWord.get(w) as number[];
      if (rarest.length === 0 || list.length < rarest.length) rarest = list;
    }
    for (const b of rarest) {
      const more = sets[b] as Set<string>;
      if (b === a || keys[a] === keys[b] || more.size <= plain.size) continue;
      const border = !plain.has("bien") && BORDER_WORDS.every((w) => more.has(w));
      if (more.size - plain.size - (border ? BORDER_WORDS.length - 1 : 0) > PLAINER_EXTRA) continue;
      // Twins of one field, filed at one level and acting alike: a re-issue or a removal beside its registration acts
      // otherwise (firstIssueTwins); a record of another field, level or office abroad is another office's.
      const da = docs[a] as SearchDocument;
      const db = docs[b] as SearchDocument;
      if (
        da.level === null ||
        da.level !== db.level ||
        db.local ||
        da.fields.field?.[0] !== db.fields.field?.[0]
      )
        continue;
      if (isSecondaryAction(da.nameVi) !== isSecondaryAction(db.nameVi)) continue;
      // Each word as many times ("trực tiếp trên giá trị gia tăng" is no plainer "trực tiếp trên doanh thu" of a
      // value added tax), and a name opening with a word of its own says another act on the same thing ("tiếp tục",
      // "tạm dừng hưởng trợ cấp thất nghiệp").
      if (words[b]?.[0] !== words[a]?.[0]) continue;
      const many = counts[b] as Map<string, number>;
      let held = true;
      for (const [w, n] of counts[a] as Map<string, number>)
        if ((many.get(w) ?? 0) < n) {
          held = false;
          break;
        }
      if (!held) continue;
      lists[b]?.push(a);
      for (const w of more) if (!plain.has(w)) extra[b]?.add(w);
      if (border) for (const w of BORDER_SAID) extra[b]?.add(w);
    }
  });
  gradeTwins(keys, lists, extra);
  return { lists, extra: extra.map((e) => [...e].join(" ")) };
}

/** A construction permit's name for the special grade and grades I–II (province), as groupKey folds it. */
const HIGH_GRADES = /(?: doi voi)? cong trinh cap dac biet cap i (?:va )?cap ii\b/;
/** Its twin's for grades III–IV and individual houses (commune). */
const LOW_GRADES = /(?: doi voi)? cong trinh cap iii cap iv(?: va nha o rieng le)?\b/;
/** Words saying the special grade or grades I–II in a question (Vietnamese folded, English, zh, ja, ko). */
const HIGH_GRADE_SAID = ["dac", "biet", "special", "特级", "一级", "二级", "特級", "특급", "1급", "2급"];

/**
 * The construction permits come in twins told apart by the grade of the works (Law on Construction 50/2014/QH13 as
 * amended, art. 103; the July 2025 records 1.013225–1.013238): the special grade and grades I–II at the province, grades
 * III–IV and individual houses at the commune. A question naming no grade asks for the commune's, the permit of a
 * house, a shop or a small workshop ('renovation permit' found the province's 1.013238 first, 6 portal uses against
 * 5 for 1.013229: the reform's records have next to no use yet): the higher grade's record is held behind its twin
 * (holdPlainer) unless the question says the higher grade (HIGH_GRADE_SAID).
 */
function gradeTwins(keys: string[], lists: number[][], extra: Set<string>[]): void {
  const low = new Map<string, number>();
  keys.forEach((k, i) => {
    if (LOW_GRADES.test(k)) low.set(k.replace(LOW_GRADES, " #"), i);
  });
  keys.forEach((k, b) => {
    if (!HIGH_GRADES.test(k)) return;
    const a = low.get(k.replace(HIGH_GRADES, " #"));
    if (a === undefined) return;
    lists[b]?.push(a);
    for (const w of HIGH_GRADE_SAID) extra[b]?.add(w);
  });
}

/** The words a name adds for a foreign party: "… có yếu tố nước ngoài", "… của người nước ngoài". */
const FOREIGN_PART =
  / (co yeu to nuoc ngoai|cua nguoi nuoc ngoai|cho nguoi nuoc ngoai|doi voi nguoi nuoc ngoai)\b/;

/**
 * The words a domestic name ends on where its twin's names a foreign element instead: "Đăng ký lại việc nuôi con nuôi
 * trong nước" (2.001255) beside "Đăng ký lại việc nuôi con nuôi có yếu tố nước ngoài" (1.003179). Not "ở trong nước"
 * (a passport issued in the country, beside one issued at a mission: missionTwins).
 */
const DOMESTIC_PART = /(?<! o) trong nuoc$/;

/**
 * Each procedure's twins with a foreign element: the records named like it with a foreign party added ("Thủ tục đăng
 * ký kết hôn" and "Thủ tục đăng ký kết hôn có yếu tố nước ngoài"; "Đổi giấy phép lái xe" and "Đổi giấy phép lái xe
 * hoặc bằng lái xe của người nước ngoài"; "Đăng ký lại việc nuôi con nuôi trong nước", DOMESTIC_PART): the name
 * without that part is the procedure's, or starts with it.
 */
export function foreignTwins(docs: SearchDocument[]): { offsets: Uint32Array; docs: Uint32Array } {
  const named = docs.map((d) => groupKey(d.nameVi));
  // A domestic name may say so where its twin names the foreign party (DOMESTIC_PART): it is read without it.
  const keys = named.map((k) => (FOREIGN_PART.test(k) ? k : k.replace(DOMESTIC_PART, "")));
  const head = (k: string) => k.split(" ").slice(0, 3).join(" ");
  const domestic = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (FOREIGN_PART.test(k)) return;
    const list = domestic.get(head(k));
    if (list) list.push(i);
    else domestic.set(head(k), [i]);
  });
  const lists: number[][] = docs.map(() => []);
  keys.forEach((k, i) => {
    if (!FOREIGN_PART.test(k)) return;
    const plain = k.replace(FOREIGN_PART, "").replace(/\s+/g, " ").trim();
    // Only the domestic procedures named most like it: "đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố
    // nước ngoài" is the twin of the combined registration, not of the plain birth registration its name starts with
    // too (lifted ahead of it, it took the place of the birth registration with a foreign element).
    const matches = (domestic.get(head(plain)) ?? []).filter(
      (g) => keys[g] === plain || plain.startsWith(`${keys[g]} `),
    );
    const longest = Math.max(0, ...matches.map((g) => (keys[g] as string).length));
    for (const g of matches) if ((keys[g] as string).length === longest) lists[g]?.push(i);
  });
  return asOffsets(lists);
}

/** Whether a record is filed at a Vietnamese mission abroad (AT_MISSION). */
function atMission(d: SearchDocument): boolean {
  return d.level === null && AT_MISSION_NAME.test(d.nameVi);
}

/**
 * What a mission's record, or its domestic twin, adds to the procedure's name: the place ("… tại Cơ quan đại diện Việt
 * Nam ở nước ngoài", "… ở trong nước"), who files it there ("… cho công dân Việt Nam trong thời gian cư trú ở nước
 * ngoài", "… cho trẻ em sinh ra ở nước ngoài và có quốc tịch Việt Nam"), or a foreign party (FOREIGN_PART).
 */
const MISSION_PART =
  / (tai co quan dai dien viet nam o nuoc ngoai|tai co quan dai dien|cho cong dan viet nam trong thoi gian cu tru o nuoc ngoai|cho tre em sinh ra o nuoc ngoai va co quoc tich viet nam|cho cong dan viet nam o nuoc ngoai|cong dan viet nam o nuoc ngoai|o trong nuoc|o nuoc ngoai|co yeu to nuoc ngoai)\b/g;

/** A death's registration (missionTwins: none at a mission is its twin). */
const DEATH_NAME = /khai tử/iu;

/**
 * Each procedure's twins filed at a Vietnamese mission abroad (AT_MISSION): the records whose names, without the place
 * and who files there (MISSION_PART), are the same ("Cấp hộ chiếu phổ thông ở trong nước" and "Thủ tục cấp hộ chiếu phổ
 * thông (không gắn chip điện tử) tại Cơ quan đại diện Việt Nam ở nước ngoài"; "Thủ tục cấp Giấy xác nhận tình trạng hôn
 * nhân" and "… cho công dân Việt Nam trong thời gian cư trú ở nước ngoài"). A question saying the asker lives abroad
 * asks for the twin (Searcher liftMissionTwins); the ordinary passport's, not the diplomatic passport's, which the words
 * match as well.
 */
export function missionTwins(docs: SearchDocument[]): { offsets: Uint32Array; docs: Uint32Array } {
  const key = (name: string) => ` ${groupKey(name)}`.replace(MISSION_PART, "").replace(/\s+/g, " ").trim();
  const missions = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (!atMission(d)) return;
    const k = key(d.nameVi);
    const list = missions.get(k);
    if (list) list.push(i);
    else missions.set(k, [i]);
  });
  // Not a death's registration: a death is registered where it happened (Law on Civil Status 60/2014/QH13, art. 32
  // and 51), and the asker living abroad says nothing of where a relative died.
  return asOffsets(
    docs.map((d) => (atMission(d) || DEATH_NAME.test(d.nameVi) ? [] : (missions.get(key(d.nameVi)) ?? []))),
  );
}

/** Lists of documents as offsets and the documents in a row. */
function asOffsets(lists: number[][]): { offsets: Uint32Array; docs: Uint32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = (offsets[i] as number) + l.length;
  });
  return { offsets, docs: Uint32Array.from(lists.flat()) };
}

/** The documents field is cut at `maxDocumentChars`: the first part says what the dossier is about. */
function budgeted(field: FieldName, texts: string[], maxChars: number): string[] {
  if (field !== "documents") return texts;
  const out: string[] = [];
  let budget = maxChars;
  for (const raw of texts) {
    if (budget <= 0) break;
    const text = raw.length > budget ? raw.slice(0, budget) : raw;
    budget -= text.length;
    out.push(text);
  }
  return out;
}

/** The terms one field of one document contributes: unigrams, and per the field's spec pairs, stems, exact forms. */
export function fieldTerms(
  field: FieldName,
  texts: string[],
  options: EngineOptions = DEFAULT_OPTIONS,
  /** The parts of a longer Hangul word or katakana run marked whole (normalize.ts wholePieces), if any. */
  pieces?: (text: string) => string[],
): string[] {
  const spec = options.index.fields[field];
  const out: string[] = [];
  for (const text of budgeted(field, texts, options.index.maxDocumentChars)) {
    const a = analyze(text);
    // Whole-word marks (normalize.ts WHOLE) only where the index holds them (IndexOptions.wholeWords).
    const unigrams = options.index.wholeWords ? a.unigrams : a.unigrams.filter((t) => !t.startsWith(WHOLE));
    out.push(...unigrams, ...compoundPairs(text));
    if (pieces) out.push(...pieces(text));
    if (spec.bigrams) out.push(...a.bigrams, ...a.stems);
    if (spec.exact) out.push(...a.exact, ...a.phonetic);
  }
  return out;
}

const EMPTY_IDS = new Int32Array(0);
const EMPTY_WEIGHTS = new Float64Array(0);

/** Position of `id` in a sorted array of term numbers, or -1. */
function indexIn(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] as number;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const HANGUL_WORD = /\p{Script=Hangul}+/gu;

/**
 * The parts of the catalogue's longer Korean words that its own standalone words spell, marked whole (normalize.ts
 * wholePieces): each text's Hangul words (particle stripped) are counted where they stand alone, over every field of
 * every document. None where the index holds no whole-word marks (IndexOptions.wholeWords).
 */
export function wholeWordPieces(
  docs: SearchDocument[],
  options: EngineOptions = DEFAULT_OPTIONS,
): ((text: string) => string[]) | undefined {
  if (!options.index.wholeWords) return undefined;
  const counts = new Map<string, number>();
  let total = 0;
  const words = (text: string) =>
    [...foldCase(text.normalize("NFKC")).matchAll(HANGUL_WORD)].map((m) => stripKoreanParticle(m[0]));
  for (const d of docs)
    for (const f of FIELD_NAMES)
      for (const text of budgeted(f, d.fields[f], options.index.maxDocumentChars))
        for (const w of words(text)) {
          counts.set(w, (counts.get(w) ?? 0) + 1);
          total++;
        }
  const known = (w: string) => counts.get(w) ?? 0;
  return (text: string) => words(text).flatMap((w) => wholePieces(w, known, Math.max(1, total)));
}

export function buildSearchIndex(
  docs: SearchDocument[],
  options: EngineOptions = DEFAULT_OPTIONS,
): SearchIndexData {
  const n = docs.length;
  const fieldNames = FIELD_NAMES;
  const FIELDS = options.index.fields;
  const K1 = options.index.k1;
  // Terms are interned (one string and one number each) and every document's weights kept as two sorted typed
  // arrays, term numbers and weights, instead of a Map from term strings: at ×5 the catalogue those maps, each with
  // its own copy of every term string, were most of the build's peak memory (2.3 GB of the bench's process).
  const dict = new Map<string, number>();
  const dictTerms: string[] = [];
  const intern = (t: string) => {
    let id = dict.get(t);
    if (id === undefined) {
      id = dictTerms.length;
      dict.set(t, id);
      dictTerms.push(t);
    }
    return id;
  };
  const docIds: Int32Array[] = docs.map(() => EMPTY_IDS);
  const docWeights: Float64Array[] = docs.map(() => EMPTY_WEIGHTS);
  /** Adds weights to one document's, summing in the order they come (fields in order, then whole names). */
  const addWeights = (di: number, add: Map<number, number>) => {
    const ids = docIds[di] as Int32Array;
    const weights = docWeights[di] as Float64Array;
    const fresh: number[] = [];
    for (const id of add.keys()) if (indexIn(ids, id) < 0) fresh.push(id);
    fresh.sort((x, y) => x - y);
    const mergedIds = new Int32Array(ids.length + fresh.length);
    const mergedWeights = new Float64Array(ids.length + fresh.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < mergedIds.length; k++) {
      if (j >= fresh.length || (i < ids.length && (ids[i] as number) < (fresh[j] as number))) {
        mergedIds[k] = ids[i] as number;
        mergedWeights[k] = weights[i] as number;
        i++;
      } else {
        mergedIds[k] = fresh[j] as number;
        mergedWeights[k] = 0;
        j++;
      }
    }
    for (const [id, w] of add) {
      const at = indexIn(mergedIds, id);
      mergedWeights[at] = (mergedWeights[at] as number) + w;
    }
    docIds[di] = mergedIds;
    docWeights[di] = mergedWeights;
  };
  // One field at a time: the terms of every document (counted at once), the average length for BM25 length
  // normalisation, then the weighted counts.
  const vocabulary = new Set<string>();
  const pieces = wholeWordPieces(docs, options);
  for (const f of fieldNames) {
    const spec = FIELDS[f];
    const lengths = new Uint32Array(n);
    const counts: (Map<number, number> | null)[] = docs.map((d, di) => {
      const terms = fieldTerms(f, d.fields[f], options, pieces);
      // A whole word's mark (normalize.ts WHOLE) repeats a word already counted: the field is no longer for it (and
      // every other term's BM25 stays what it was without the marks).
      let marks = 0;
      for (const t of terms) if (t.startsWith(WHOLE)) marks++;
      lengths[di] = terms.length - marks;
      if (terms.length === 0) return null;
      // Latin words of names and aliases: the short vocabulary typos are corrected against.
      if (f === "name" || f === "alias")
        for (const t of terms) if (t.length >= 4 && /^[a-z]+$/.test(t)) vocabulary.add(t);
      const c = new Map<number, number>();
      for (const t of terms) {
        const id = intern(t);
        c.set(id, (c.get(id) ?? 0) + 1);
      }
      return c;
    });
    let total = 0;
    let nonEmpty = 0;
    for (const l of lengths) {
      total += l;
      if (l > 0) nonEmpty++;
    }
    const avg = Math.max(1, total / Math.max(1, nonEmpty));
    counts.forEach((c, di) => {
      if (!c) return;
      const norm = 1 - spec.b + (spec.b * (lengths[di] as number)) / avg;
      const add = new Map<number, number>();
      for (const [id, k] of c) add.set(id, (spec.weight * k) / norm);
      addWeights(di, add);
    });
  }

  // Whole names and aliases, one term each.
  docs.forEach((d, di) => {
    const keys = new Set([d.nameVi, ...d.fields.name, ...d.fields.alias].flatMap(wholeNameKeys));
    keys.add(`=${groupKey(d.nameVi)}`);
    for (const k of [...keys]) {
      const p = phoneticWholeName(k);
      if (p) keys.add(p);
    }
    const add = new Map<number, number>();
    for (const k of keys) add.set(intern(k), options.index.wholeName);
    addWeights(di, add);
  });
  dict.clear();

  if (n > 0xffff) throw new Error(`the index holds at most 65,535 documents (got ${n})`);
  const df = new Uint32Array(dictTerms.length);
  for (const ids of docIds) for (const id of ids) df[id] = (df[id] as number) + 1;
  const idfOf = (id: number) => {
    const d = df[id] as number;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const bm25 = (idf: number, tfw: number) => (idf * tfw * (K1 + 1)) / (K1 + tfw);
  // Final BM25F contribution of each (term, document), with the saturation already applied. Built straight into
  // flat arrays in three passes over the per-document weights (the best score; the postings each term keeps; the
  // postings themselves), instead of a list of [doc, score] pairs per term.
  let maxScore = 0;
  docIds.forEach((ids, di) => {
    const weights = docWeights[di] as Float64Array;
    for (let i = 0; i < ids.length; i++)
      maxScore = Math.max(maxScore, bm25(idfOf(ids[i] as number), weights[i] as number));
  });
  const minScore = maxScore * options.index.minPostingShare;
  const keptCount = new Uint32Array(dictTerms.length);
  docIds.forEach((ids, di) => {
    const weights = docWeights[di] as Float64Array;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (bm25(idfOf(id), weights[i] as number) >= minScore) keptCount[id] = (keptCount[id] as number) + 1;
    }
  });
  const kept: number[] = [];
  for (let id = 0; id < dictTerms.length; id++) if ((keptCount[id] as number) > 0) kept.push(id);
  kept.sort((x, y) => compareCodePoints(dictTerms[x] as string, dictTerms[y] as string));
  const terms = kept.map((id) => dictTerms[id] as string);
  const position = new Int32Array(dictTerms.length).fill(-1);
  kept.forEach((id, i) => {
    position[id] = i;
  });
  const offsets = new Uint32Array(terms.length + 1);
  kept.forEach((id, i) => {
    offsets[i + 1] = (offsets[i] as number) + (keptCount[id] as number);
  });
  const total = offsets[terms.length] as number;
  const docsOf = new Uint16Array(total);
  const scoresOf = new Float64Array(total);
  const fill = offsets.slice(0, terms.length);
  docIds.forEach((ids, di) => {
    const weights = docWeights[di] as Float64Array;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const score = bm25(idfOf(id), weights[i] as number);
      if (score < minScore) continue;
      const p = position[id] as number;
      const at = fill[p] as number;
      docsOf[at] = di;
      scoresOf[at] = score;
      fill[p] = at + 1;
    }
    // This document's weights are no longer needed.
    docIds[di] = EMPTY_IDS;
    docWeights[di] = EMPTY_WEIGHTS;
  });
  const postingDocs = new Uint16Array(total);
  const postingScores = new Uint16Array(total);
  const scoreScale = maxScore / 0xffff || 1;
  // Impact order within each term: the best postings first, ties by document (documents were filled in order).
  let order: number[] = [];
  for (let i = 0; i < terms.length; i++) {
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    order.length = 0;
    for (let j = from; j < to; j++) order.push(j);
    order.sort(
      (x, y) =>
        (scoresOf[y] as number) - (scoresOf[x] as number) || (docsOf[x] as number) - (docsOf[y] as number),
    );
    for (let j = 0; j < order.length; j++) {
      const src = order[j] as number;
      postingDocs[from + j] = docsOf[src] as number;
      postingScores[from + j] = Math.round((scoresOf[src] as number) / scoreScale);
    }
  }
  order = [];

  const maxWeight = Math.max(1, ...docs.map((d) => d.weight ?? 0));
  const groupIds = new Map<string, number>();
  const groups = new Uint32Array(n);
  docs.forEach((d, i) => {
    // A record for the privileged whose name reads as everyone's (3.000249, the diplomats' residence card, beside
    // the police's 1.003460 and 1.003358) is another procedure, filed by others with another agency: its own group.
    const key = `${isPrivileged(d) ? "privileged " : ""}${reformKey(groupKey(d.nameVi))}`;
    if (!groupIds.has(key)) groupIds.set(key, groupIds.size);
    groups[i] = groupIds.get(key) as number;
  });

  const twins = firstIssueTwins(docs);
  const foreign = foreignTwins(docs);
  const parts = combinedParts(docs);
  const plainer = plainerTwins(docs);
  const mission = missionTwins(docs);
  const plain = asOffsets(plainer.lists);
  const viWords = new Set<string>();
  const enWords = new Set<string>();
  for (const d of docs) {
    for (const w of nameKey(d.nameVi).split(" ")) if (w && !/\d/.test(w)) viWords.add(w);
    for (const w of nameKey(d.nameEn ?? "").split(" ")) if (w && !/\d/.test(w)) enWords.add(w);
  }

  return {
    codes: docs.map((d) => d.code),
    levels: Uint8Array.from(docs.map((d) => LEVEL_CODES.indexOf(d.level))),
    groups,
    local: Uint8Array.from(docs.map((d) => (d.local ? 1 : 0))),
    grades: Uint8Array.from(docs.map((d) => starGradesOf(d.nameVi))),
    audience: Uint16Array.from(
      docs.map(
        (d) =>
          ((d.audience ?? 0) &
            (BORDER_AREA.test(d.nameVi) || FOREIGN_ELEMENT.test(d.nameVi) ? ~AUDIENCE_FOREIGN : 0xffff)) |
          (PAYER_NAME.test(d.nameVi) ? PAYER_FILED : 0) |
          (FOREIGN_ELEMENT.test(d.nameVi) && !BORDER_AREA.test(d.nameVi) ? AUDIENCE_FOREIGN_ELEMENT : 0) |
          (isAbroad(d) ? AUDIENCE_ABROAD : 0) |
          (EXEMPTION_NAME.test(d.nameVi) ? EXEMPTION : 0) |
          (FOREIGNERS_NAME.test(d.nameVi) && !CITIZENS_NAME.test(d.nameVi) ? FOREIGNERS_NAMED : 0) |
          (isSecondaryAction(d.nameVi) ? SECONDARY_ACTION : 0) |
          (isCombined(d.nameVi) ? COMBINED : 0) |
          (ENTERPRISE_NAME.test(d.nameVi) && !HOUSEHOLD_NAME.test(d.nameVi) ? ENTERPRISE_NAMED : 0) |
          (LEFT_VIETNAM_NAME.test(d.nameVi) ? LEFT_VIETNAM : 0) |
          (SETTLING_ABROAD_NAME.test(d.nameVi) ? SETTLING_ABROAD : 0) |
          (atMission(d) ? AT_MISSION : 0) |
          (isActionNamed(d.nameVi) ? ACTION_NAMED : 0) |
          (isPrivileged(d) ? PRIVILEGED : 0),
      ),
    ),
    used: usedVariants(docs, groups),
    twinOffsets: twins.offsets,
    twinDocs: twins.docs,
    actionTerms: twins.actionTerms,
    twinWords: twins.words,
    foreignOffsets: foreign.offsets,
    foreignDocs: foreign.docs,
    partOffsets: parts.offsets,
    partDocs: parts.docs,
    plainOffsets: plain.offsets,
    plainDocs: plain.docs,
    plainWords: plainer.extra,
    missionOffsets: mission.offsets,
    missionDocs: mission.docs,
    fieldIds: fieldIdsOf(docs),
    priors: Float32Array.from(docs.map((d) => Math.log1p(d.weight ?? 0) / Math.log1p(maxWeight))),
    terms: PackedStrings.pack(terms),
    offsets,
    postingDocs,
    postingScores,
    scoreScale,
    vocabulary: [...vocabulary].sort(),
    oldCodes: docs
      .flatMap((d, i) => d.oldCodes.map((o) => [o, i] as [string, number]))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    viWords: [...viWords].sort(),
    enWords: [...enWords].sort(),
    initialisms: Initialisms.from(
      deriveInitialisms(
        docs.map((d) => [
          d.nameVi,
          ...d.fields.alias,
          ...d.fields.result,
          ...budgeted("documents", d.fields.documents, options.index.maxDocumentChars),
        ]),
        options.index.initialisms,
        docs.map((d) => ({ weight: d.weight, naming: 1 + d.fields.alias.length })),
      ),
    ),
    optionsHash: optionsHash(options),
  };
}
