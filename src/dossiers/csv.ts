import { type DossierEvent, dossierEventSchema } from "./model.ts";

/** Columns of a dossier CSV export, as in the ingest API (header names are matched without case). */
export const CSV_COLUMNS = [
  "eventId",
  "dossierCode",
  "procedureCode",
  "status",
  "occurredAt",
  "applicantName",
  "phone",
  "receivedAt",
  "dueAt",
  "note",
] as const;

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. Each row keeps its first line number. */
export function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((x) => x.trim() !== "")) rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.some((x) => x.trim() !== "")) rows.push({ line: rowLine, cells });
  return rows;
}

export interface CsvReport {
  events: DossierEvent[];
  errors: { line: number; field: string; message: string }[];
}

/** Validates every row with the same schema as the ingest API; errors carry the file's line numbers. */
export function readDossierCsv(text: string): CsvReport {
  const rows = parseCsvRows(text);
  const header = rows.shift();
  if (!header) return { events: [], errors: [{ line: 1, field: "(header)", message: "the file is empty" }] };
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.slice(0, 5).filter((c) => !names.includes(c.toLowerCase()));
  if (missing.length > 0) {
    return {
      events: [],
      errors: [{ line: header.line, field: "(header)", message: `missing column(s): ${missing.join(", ")}` }],
    };
  }
  const events: DossierEvent[] = [];
  const errors: CsvReport["errors"] = [];
  for (const row of rows) {
    const item: Record<string, string> = {};
    CSV_COLUMNS.forEach((column) => {
      const i = names.indexOf(column.toLowerCase());
      const value = i >= 0 ? row.cells[i]?.trim() : undefined;
      if (value) item[column] = value;
    });
    if (row.cells.length !== header.cells.length) {
      errors.push({
        line: row.line,
        field: "(row)",
        message: `expected ${header.cells.length} cells, found ${row.cells.length}`,
      });
      continue;
    }
    const parsed = dossierEventSchema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        errors.push({ line: row.line, field: issue.path.join("."), message: issue.message });
  }
  return { events, errors };
}
