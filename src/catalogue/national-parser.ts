import type {
  Channel,
  FeeItem,
  FeeWindow,
  LegalBasis,
  Level,
  NationalRecord,
  ProcessingTime,
} from "./schema.ts";

/**
 * Parser for one file of the national procedure export (fixed layout of Vietnamese section keys).
 * It keeps every field in structured form and flags the export's defects instead of guessing.
 */

const SECTION_KEYS = [
  "Mã thủ tục",
  "Số quyết định",
  "Tên thủ tục",
  "Cấp thực hiện",
  "Loại thủ tục",
  "Lĩnh vực",
  "Trình tự thực hiện",
  "Cách thức thực hiện",
  "Thành phần hồ sơ",
  "Đối tượng thực hiện",
  "Cơ quan thực hiện",
  "Cơ quan có thẩm quyền",
  "Địa chỉ tiếp nhận HS",
  "Cơ quan được ủy quyền",
  "Cơ quan phối hợp",
  "Kết quả thực hiện",
  "Căn cứ pháp lý",
  "Yêu cầu, điều kiện thực hiện",
  "Từ khóa",
  "Mô tả",
] as const;
type SectionKey = (typeof SECTION_KEYS)[number];

const NO_INFO = "Không có thông tin";

export class NationalParseError extends Error {
  override name = "NationalParseError";
}

/** Lines cut inside a multi-byte character end in U+FFFD; the export's own cuts end in "…". */
function mendCut(line: string): { text: string; cut: boolean } {
  const replaced = line.replace(/\uFFFD+$/u, "");
  if (replaced !== line) return { text: `${replaced.trimEnd()}…`, cut: true };
  return { text: line, cut: /…\s*$/.test(line) };
}

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.replace(/[ \t\u00a0]+/g, " ").trim();
  if (v === "" || v === NO_INFO) return null;
  return v;
}

function splitSections(lines: string[]): Map<SectionKey, { head: string; body: string[] }> {
  const sections = new Map<SectionKey, { head: string; body: string[] }>();
  let next = 0;
  let current: { head: string; body: string[] } | null = null;
  for (const line of lines) {
    // Keys appear once each, in a fixed order, at column 0; text inside a section may repeat a key word,
    // so only the next expected key (or a later one) opens a section.
    let opened = false;
    for (let k = next; k < SECTION_KEYS.length; k++) {
      const key = SECTION_KEYS[k] as SectionKey;
      if (line.startsWith(`${key}:`)) {
        current = { head: line.slice(key.length + 1), body: [] };
        sections.set(key, current);
        next = k + 1;
        opened = true;
        break;
      }
    }
    if (!opened && current) current.body.push(line);
  }
  const missing = SECTION_KEYS.filter((k) => !sections.has(k));
  if (missing.length > 0) throw new NationalParseError(`missing section(s): ${missing.join(", ")}`);
  return sections;
}

function sectionText(section: { head: string; body: string[] }): string | null {
  const joined = [section.head, ...section.body]
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
  return clean(joined) === null ? null : joined.replace(/[ \t\u00a0]+/g, " ").trim();
}

const LEVELS: Record<string, Level> = {
  "Cấp Bộ/Trung ương": "ministry",
  "Cấp Tỉnh": "province",
  "Cấp Xã": "commune",
};

const TIME_UNITS: Record<string, ProcessingTime["unit"]> = {
  WORKING_DAY: "working_day",
  "ngày làm việc": "working_day",
  ngày: "day",
  HOUR: "hour",
  giờ: "hour",
  MONTH: "month",
  tháng: "month",
  YEAR: "year",
  năm: "year",
};

export function parseProcessingTime(raw: string): ProcessingTime {
  const v = raw.replace(/\s+/g, " ").trim();
  if (v === "" || v === "OTHER") return { value: null, unit: null, text: null };
  const m = /^(\d+(?:[.,]\d+)?) (WORKING_DAY|HOUR|MONTH|YEAR|ngày làm việc|ngày|giờ|tháng|năm)$/u.exec(v);
  if (m?.[1] && m[2]) {
    return { value: Number(m[1].replace(",", ".")), unit: TIME_UNITS[m[2]] ?? null, text: null };
  }
  // "75 OTHER": a number whose unit the export does not state. Keep the number and say the unit is unknown,
  // so no answer shows a bare "75" as if it were days.
  const bare = /^(\d+(?:[.,]\d+)?) OTHER$/u.exec(v);
  if (bare?.[1]) return { value: Number(bare[1].replace(",", ".")), unit: "other", text: null };
  // "Theo mô tả OTHER", "Không quá 20 ngày làm việc … OTHER": keep the words, never a number without its unit.
  const text = v.replace(/\s*OTHER$/, "").trim();
  return { value: null, unit: "other", text: text === "" ? null : text };
}

const INSTRUMENT = /\b\d{1,4}\/\d{4}\/[A-ZĐ][A-ZĐa-z0-9-]*(?:-[A-ZĐ]+)*\b|\b\d{1,4}\/[A-ZĐ]{2,}-[A-ZĐ]+\b/gu;

export function instrumentsIn(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.match(INSTRUMENT) ?? [])];
}

/** Splits "a VNĐ (note) | b VNĐ (note)" on the bars that separate items, not on bars inside a note. */
function splitFeeItems(raw: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "|" && depth === 0) {
      items.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  items.push(raw.slice(start));
  return items.map((s) => s.trim()).filter((s) => s !== "");
}

const NUMBER = String.raw`\d{1,3}(?:[.,]\d{3})+|\d+`;
const AMOUNT_IN_NOTE = new RegExp(
  String.raw`(?:(${NUMBER})\s*(nghìn|ngàn|triệu)?\s*(?:-|–|đến|tới)\s*)?(${NUMBER})\s*(nghìn|ngàn|triệu)?\s*(?:đồng|vnđ|vnd|đ(?!\p{L}))`,
  "giu",
);

function noteNumber(digits: string | undefined, unit: string | undefined): number {
  const base = Number((digits ?? "").replace(/[.,]/g, ""));
  const mult = unit?.toLowerCase() === "triệu" ? 1_000_000 : unit ? 1000 : 1;
  return base * mult;
}

/**
 * Vietnamese amounts in notes: "135.000 đồng", "2.000.000 Đồng", "135 nghìn đồng", "01 triệu đồng/lần", and ranges
 * "150.000 - 5.000.000 đồng" (both ends). Capital thresholds ("50 tỷ đồng") are not fees and are skipped.
 */
export function amountsInNote(note: string | null): number[] {
  if (!note) return [];
  const found: number[] = [];
  for (const m of note.matchAll(AMOUNT_IN_NOTE)) {
    if (m[1]) found.push(noteNumber(m[1], m[2] ?? m[4]));
    found.push(noteNumber(m[3], m[4]));
  }
  return [...new Set(found.filter((n) => Number.isFinite(n) && n > 0))];
}

const DATE = String.raw`(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})`;
const WINDOW = new RegExp(
  String.raw`(?:từ\s+(?:ngày\s+)?${DATE}\s*(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?${DATE})|(?:(?:đến|tới)\s+hết\s+(?:ngày\s+)?${DATE})`,
  "giu",
);

function isoDate(d: string | undefined, m: string | undefined, y: string | undefined): string | null {
  const day = Number(d);
  const month = Number(m);
  if (!y || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Words before a period that make it the period of a waiver or a cut, not of the amount itself. */
const RELIEF = /miễn|giảm|\d+\s*%/iu;

/**
 * Periods a note gives ("từ ngày 01/7/2025 đến hết ngày 31/12/2026", "đến hết ngày 31/12/2025"). A period is a
 * relief when its own clause (the text since the last full stop, semicolon or opening bracket) speaks of a waiver
 * or a cut ("Miễn phí từ 07/4/2026 đến 30/6/2026"); otherwise it is the period the stated amount applies in
 * ("Mức phí kể từ ngày 01/7/2024 đến hết ngày 31/12/2024", "áp dụng mức phí 25.000 đồng/hồ sơ kể từ …").
 */
export function windowsInNote(note: string | null): FeeWindow[] {
  if (!note) return [];
  const windows: FeeWindow[] = [];
  for (const m of note.matchAll(WINDOW)) {
    const to = m[4] ? isoDate(m[4], m[5], m[6]) : isoDate(m[7], m[8], m[9]);
    const from = m[1] ? isoDate(m[1], m[2], m[3]) : null;
    const before = note.slice(0, m.index);
    const clause = before.slice(
      Math.max(before.lastIndexOf("."), before.lastIndexOf(";"), before.lastIndexOf("(")) + 1,
    );
    const relief = RELIEF.test(clause);
    if (to && !windows.some((w) => w.from === from && w.to === to && w.relief === relief))
      windows.push({ from, to, relief });
  }
  return windows;
}

/** The optional parts of a fee item: amounts its note states and the periods it names (absent when none). */
function noteFacts(
  note: string | null,
  status: FeeItem["status"],
): Pick<FeeItem, "noteAmountsVnd" | "windows"> {
  const facts: Pick<FeeItem, "noteAmountsVnd" | "windows"> = {};
  const amounts = status === "not_stated" ? amountsInNote(note) : [];
  if (amounts.length > 0) facts.noteAmountsVnd = amounts;
  const windows = windowsInNote(note);
  if (windows.length > 0) facts.windows = windows;
  return facts;
}

export function parseFeeItem(raw: string): FeeItem {
  const item = parseFeeAmount(raw);
  return { ...item, ...noteFacts(item.note, item.status) };
}

function parseFeeAmount(raw: string): FeeItem {
  const m = /^(\d+(?:[.,]\d+)?) VNĐ\s*(?:\(([\s\S]*)\)?)?$/u.exec(raw.trim());
  if (!m?.[1]) {
    // "Không có thông tin": the record gives no fee information at all. That is not "free".
    if (raw.replace(/\s+/g, " ").trim() === NO_INFO || raw.trim() === "")
      return { amountVnd: null, amountUsd: null, currency: "VND", status: "no_info", note: null, basis: [] };
    // No amount at all, only words ("Thực hiện theo Thông tư …"): the amount is not stated.
    const note = clean(raw);
    return {
      amountVnd: null,
      amountUsd: null,
      currency: "VND",
      status: "not_stated",
      note,
      basis: instrumentsIn(note),
    };
  }
  const amount = Number(m[1].replace(",", "."));
  const noteRaw = (m[2] ?? "").replace(/\)\s*$/, "");
  const note = clean(noteRaw.replace(/^[()\s]+|[()\s]+$/g, ""));
  const basis = instrumentsIn(note);
  if (amount === 0) {
    return note
      ? { amountVnd: null, amountUsd: null, currency: "VND", status: "not_stated", note, basis }
      : { amountVnd: 0, amountUsd: null, currency: "VND", status: "free", note: null, basis };
  }
  if (note && new RegExp(`\\b${m[1]}\\s*(?:USD|đô la|Đô la)`, "u").test(note)) {
    return { amountVnd: null, amountUsd: amount, currency: "USD", status: "usd", note, basis };
  }
  if (amount < 1000) {
    if (note && amountsInNote(note).includes(amount * 1000)) {
      return { amountVnd: amount * 1000, amountUsd: null, currency: "VND", status: "thousands", note, basis };
    }
    if (note && /USD|đô la/iu.test(note)) {
      return { amountVnd: null, amountUsd: amount, currency: "USD", status: "usd", note, basis };
    }
    return {
      amountVnd: Math.round(amount),
      amountUsd: null,
      currency: "VND",
      status: "unclear",
      note,
      basis,
    };
  }
  return { amountVnd: Math.round(amount), amountUsd: null, currency: "VND", status: "stated", note, basis };
}

const CHANNEL_KINDS: Record<string, Channel["kind"]> = {
  ONLINE: "online",
  POSTAL: "postal",
  DIRECT: "counter",
};

function parseChannels(section: { head: string; body: string[] }): Channel[] {
  const channels: Channel[] = [];
  let current: {
    kind: Channel["kind"];
    time: string;
    fee: string;
    desc: string[];
    last: "time" | "fee" | "desc" | null;
  } | null = null;
  const flush = () => {
    if (!current) return;
    const fees = current.fee.trim() === "" ? [] : splitFeeItems(current.fee).map(parseFeeItem);
    // A channel that only says "Mô tả" keeps its fee words in the description.
    channels.push({
      kind: current.kind,
      time: parseProcessingTime(current.time),
      fees,
      description: clean(current.desc.join("\n")),
    });
  };
  for (const line of section.body) {
    const channel = /^\s{2}\* Hình thức nộp:\s*(\w+)/.exec(line);
    if (channel?.[1] && CHANNEL_KINDS[channel[1]]) {
      flush();
      current = {
        kind: CHANNEL_KINDS[channel[1]] as Channel["kind"],
        time: "",
        fee: "",
        desc: [],
        last: null,
      };
      continue;
    }
    if (!current) continue;
    const time = /^\s{4}Thời hạn giải quyết:(.*)$/.exec(line);
    const fee = /^\s{4}Phí, lệ phí:(.*)$/.exec(line);
    const desc = /^\s{4}Mô tả:(.*)$/.exec(line);
    if (time && current.last === null) {
      current.time = time[1] ?? "";
      current.last = "time";
    } else if (fee && current.fee === "") {
      current.fee = fee[1] ?? "";
      current.last = "fee";
    } else if (desc && current.desc.length === 0) {
      current.desc.push(desc[1] ?? "");
      current.last = "desc";
    } else if (line.trim() !== "") {
      // Continuation of a multi-line value: times that run over lines are descriptions, not numbers.
      if (current.last === "fee") current.fee += ` ${line.trim()}`;
      else current.desc.push(line.trim());
    }
  }
  flush();
  return channels;
}

function parseSteps(section: { head: string; body: string[] }): NationalRecord["steps"] {
  const groups: NationalRecord["steps"] = [];
  let group: { heading: string | null; items: string[] } = { heading: null, items: [] };
  const head = clean(section.head);
  if (head) group.items.push(head);
  for (const line of section.body) {
    if (line.trim() === "") continue;
    const heading = /^\s{2}\*\s+(?:\*\s*)?(.*)$/.exec(line);
    const item = /^\s{4}-\s?(.*)$/.exec(line);
    if (heading && !item) {
      if (group.items.length > 0 || group.heading) groups.push(group);
      group = { heading: clean(heading[1]) ?? null, items: [] };
    } else if (item) {
      const t = clean(item[1]);
      if (t) group.items.push(t);
    } else {
      const t = clean(line);
      if (!t) continue;
      if (group.items.length > 0) group.items[group.items.length - 1] += `\n${t}`;
      else group.items.push(t);
    }
  }
  if (group.items.length > 0 || group.heading) groups.push(group);
  return groups;
}

function parseDocuments(section: { head: string; body: string[] }): NationalRecord["documents"] {
  const groups: NationalRecord["documents"] = [];
  let group: NationalRecord["documents"][number] = { heading: null, items: [] };
  for (const line of section.body) {
    if (line.trim() === "") continue;
    const heading = /^\s{2}\[\s?([\s\S]*?)\s?\]\s*$/.exec(line);
    const count = /^\s{6}Số lượng: Bản chính: (\d+), Bản sao: (\d+)\s*$/.exec(line);
    const item = /^\s{4}-\s?(.*)$/.exec(line);
    if (heading) {
      if (group.items.length > 0 || group.heading) groups.push(group);
      group = { heading: clean(heading[1]), items: [] };
    } else if (count) {
      const last = group.items[group.items.length - 1];
      if (last && last.originals === null) {
        last.originals = Number(count[1]);
        last.copies = Number(count[2]);
      }
    } else if (item) {
      const name = clean(item[1]?.replace(/^-\s*/, ""));
      if (name) group.items.push({ name, originals: null, copies: null });
    } else {
      const t = clean(line);
      if (!t) continue;
      const last = group.items[group.items.length - 1];
      if (last) last.name += `\n${t}`;
      else group.items.push({ name: t, originals: null, copies: null });
    }
  }
  if (group.items.length > 0 || group.heading) groups.push(group);
  return groups;
}

function parseLegalBases(section: { head: string; body: string[] }): LegalBasis[] {
  const bases: LegalBasis[] = [];
  for (const line of section.body) {
    const item = /^\s{2}\*\s(.*)$/.exec(line);
    if (item) {
      const full = clean(item[1]);
      if (!full) continue;
      const num = /\(([^()]+)\)\s*$/.exec(full);
      const number = num?.[1] && /\d/.test(num[1]) ? num[1].trim() : null;
      const title = number ? full.slice(0, num?.index).trim() || full : full;
      bases.push({ number, title });
    } else {
      const t = clean(line);
      const last = bases[bases.length - 1];
      if (t && last) last.title += ` ${t}`;
      else if (t) bases.push({ number: instrumentsIn(t)[0] ?? null, title: t });
    }
  }
  return bases;
}

/** Splits "A, B (x, y), C" on commas outside parentheses. */
export function splitList(value: string | null): string[] {
  if (!value) return [];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if ((c === "," || c === ";") && depth === 0) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== "" && s !== NO_INFO);
}

/**
 * The record's result list as items: "Kết quả thực hiện" separates results with commas, but a result's own name can
 * hold one ("Thông báo … nội dung cần sửa đổi, bổ sung của …"; "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu …").
 * Result names start with a capital letter, so a piece that starts in lower case continues the previous item. Each
 * item keeps its pieces (what splitList gives), since translations may exist for the pieces only.
 */
export function resultItems(value: string | null): { text: string; parts: string[] }[] {
  const items: { text: string; parts: string[] }[] = [];
  for (const part of splitList(value)) {
    const last = items[items.length - 1];
    const first = part[0] ?? "";
    if (last && first !== first.toUpperCase() && first === first.toLowerCase()) {
      last.text += `, ${part}`;
      last.parts.push(part);
    } else items.push({ text: part, parts: [part] });
  }
  return items;
}

export type ParsedNational = Omit<NationalRecord, "portalUrl" | "weight" | "oldCodes">;

export function parseNationalRecord(content: string): ParsedNational {
  let truncated = false;
  const lines = content
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line) => {
      const { text, cut } = mendCut(line);
      if (cut) truncated = true;
      return text;
    });
  const s = splitSections(lines);
  const get = (k: SectionKey) => s.get(k) as { head: string; body: string[] };
  const code = clean(get("Mã thủ tục").head);
  const name = sectionText(get("Tên thủ tục"));
  if (!code) throw new NationalParseError("empty Mã thủ tục");
  if (!name) throw new NationalParseError(`${code}: empty Tên thủ tục`);
  const levelText = clean(get("Cấp thực hiện").head);
  return {
    code,
    decision: clean(get("Số quyết định").head),
    name: name.replace(/\s+/g, " "),
    level: levelText ? (LEVELS[levelText] ?? null) : null,
    type: clean(get("Loại thủ tục").head),
    field: clean(get("Lĩnh vực").head),
    steps: parseSteps(get("Trình tự thực hiện")),
    channels: parseChannels(get("Cách thức thực hiện")),
    documents: parseDocuments(get("Thành phần hồ sơ")),
    subjects: splitList(sectionText(get("Đối tượng thực hiện"))),
    agencies: {
      implementing: sectionText(get("Cơ quan thực hiện")),
      competent: sectionText(get("Cơ quan có thẩm quyền")),
      receivingAddress: sectionText(get("Địa chỉ tiếp nhận HS")),
      authorized: sectionText(get("Cơ quan được ủy quyền")),
      coordinating: sectionText(get("Cơ quan phối hợp")),
    },
    result: sectionText(get("Kết quả thực hiện")),
    legalBases: parseLegalBases(get("Căn cứ pháp lý")),
    conditions: sectionText(get("Yêu cầu, điều kiện thực hiện")),
    keywords: sectionText(get("Từ khóa")),
    description: sectionText(get("Mô tả")),
    truncated,
  };
}
