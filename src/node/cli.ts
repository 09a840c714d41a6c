import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createClient } from "@libsql/client";
import { type Catalogue, CatalogueError, normalizeCode, parseCatalogueFile } from "../catalogue/catalogue.ts";
import { todayInVietnam } from "../catalogue/fees.ts";
import { LANGUAGES, type Language, languageSchema } from "../catalogue/schema.ts";
import {
  COVERAGE_KINDS,
  type CoverageKind,
  formatTermCoverage,
  TERM_LANGUAGES,
  type TermLanguage,
  termBase,
  termCoverage,
  untranslatedTerms,
} from "../catalogue/terms.ts";
import { hashPassword } from "../channels/web/staff/index.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { buildCard, cardToText } from "../conversation/card.ts";
import { auditCards, auditExceptionsSchema, formatAudit } from "../conversation/card-audit.ts";
import { Conversation } from "../conversation/core.ts";
import { MemorySessionStore } from "../conversation/session.ts";
import { readDossierCsv } from "../dossiers/csv.ts";
import type { Searcher } from "../search/query.ts";
import { toSearchRows } from "../search/rows.ts";
import { buildAssets, formatBuildReport } from "./build.ts";
import { DEFAULT_DATA_DIR, loadCatalogue } from "./catalogue.ts";
import { databaseUrl } from "./database.ts";
import { SqliteDossierStore } from "./dossier-store.ts";
import { formatSummary, importNational, writeNational } from "./importer.ts";
import { investorCheck, investorSet, investorSkeleton, measureLineShare } from "./investor.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import { loadSearcher } from "./search.ts";
import { migrate } from "./session-store.ts";
import { SqliteStaffStore } from "./staff-store.ts";

/** Command-line helpers for people and scripts. Output formats here are contracts (see README). */

const USAGE = `usage: npm run -s cli -- <command>
  import <folder>                 import the national export (folder holding national-procedures/) into data/national
  list [--json]                   every procedure: code, names in vi/en/zh/ko/ja, field, level, curated
  show <code> [--lang vi|en|zh|ko|ja] [--json]
                                  the answer card a person gets in chat
  search [--json] [--lang xx] [--limit n] "<query>"
                                  the best procedures for a query, best first
  build-index                     rebuild dist/assets (catalogue and search index) even when up to date (npm run build)
  import-dossiers <file.csv> [--dry-run]
                                  import dossier status events (columns as the ingest API) into DATABASE_URL
  terms-coverage                  how much of the catalogue the term base (data/terms/) translates, per kind and language
  terms-coverage --missing <kind> [--lang en|zh|ko|ja] [--limit n]
                                  the strings of a kind (documents, results, agencies…) not translated yet, grouped by
                                  lookup key, most frequent first: "count<TAB>Vietnamese" per line
  investor-set [--write]          the investor set (data/investor/selection.json): procedures per group; --write stores the codes
  investor-skeleton <lang> <code…> [--write] [--force]
                                  a translation skeleton (every Vietnamese line to translate) for en|zh|ko|ja; --write saves
                                  data/investor/<lang>/<code>.json, keeping translations already there
  investor-check [<lang>…] [--code c]
                                  validate data/investor/<lang>/*.json: every line present and translated, hash fresh
  investor-line-share [--date YYYY-MM-DD]
                                  share of card lines in the reader's language over a fixed sample of investor procedures
  audit [--date YYYY-MM-DD] [--lang xx] [--code c] [--examples n] [--json]
                                  check every card against the national record and the curated layer; counts per
                                  defect class (exit 1 when any is not zero)
  staff-hash                      a STAFF_PASSWORD_HASH for the shared console password (read from STAFF_PASSWORD or
                                  standard input)
  staff-add <name> [--role staff|supervisor]
                                  add a /staff console account to DATABASE_URL, or set its password and role (password
                                  from STAFF_PASSWORD or standard input)`;

class UsageError extends Error {}

/** Cards the audit knows to fail a class, each with its reason (data/curated/audit-exceptions.json). */
function readAuditExceptions() {
  const file = resolve(DEFAULT_DATA_DIR, "curated/audit-exceptions.json");
  if (!existsSync(file)) return [];
  return parseCatalogueFile(
    auditExceptionsSchema,
    JSON.parse(readFileSync(file, "utf8")),
    "curated/audit-exceptions.json",
  );
}

function parseLang(value: string | undefined): Language {
  if (value === undefined) return "vi";
  const parsed = languageSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--lang must be one of ${LANGUAGES.join(", ")} (got "${value}")`);
  return parsed.data;
}

/** A new console password: STAFF_PASSWORD, else the first line of standard input; at least 10 characters. */
async function readNewPassword(): Promise<string> {
  let password = process.env.STAFF_PASSWORD || undefined;
  if (password === undefined && !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  if (!password || password.length < 10)
    throw new UsageError("give a password of at least 10 characters in STAFF_PASSWORD or on standard input");
  return password;
}

/**
 * Where the commands get the catalogue and the search index: loaded from dist/assets (a command run), or the ones
 * a process already holds (the tests run commands in-process, beside a catalogue they have loaded).
 */
export interface CliSources {
  catalogue: () => Catalogue;
  searcher: () => Searcher;
}

export const LOADED_SOURCES: CliSources = {
  catalogue: () => loadCatalogue(),
  searcher: () => loadSearcher(),
};

async function main(argv: string[], sources: CliSources): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "import": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { out: { type: "string" } },
      });
      const folder = positionals[0];
      if (!folder)
        throw new UsageError(
          "import needs the folder of the national export (the one holding national-procedures/)",
        );
      if (!existsSync(resolve(folder, "national-procedures"))) {
        throw new UsageError(`${folder} has no national-procedures/ folder`);
      }
      const result = importNational(resolve(folder));
      writeNational(result, resolve(values.out ?? `${DEFAULT_DATA_DIR}/national`));
      console.log(formatSummary(result.summary));
      if (!values.out) {
        const built = await buildAssets({ force: true });
        console.log(`search index: ${built.searchIndex?.terms} terms, ${built.searchIndex?.bytes} bytes`);
      }
      return result.summary.failed.length > 0 ? 1 : 0;
    }
    case "import-dossiers": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { "dry-run": { type: "boolean", default: false } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError("import-dossiers needs a CSV file");
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const report = readDossierCsv(readFileSync(file, "utf8"));
      for (const e of report.errors) console.error(`line ${e.line}: ${e.field}: ${e.message}`);
      if (report.errors.length > 0) {
        console.error(
          `${report.errors.length} error(s) in ${file}; nothing imported (fix them and run again)`,
        );
        return 1;
      }
      if (values["dry-run"]) {
        console.log(`dry run: ${report.events.length} valid events in ${file}; nothing written`);
        return 0;
      }
      const config = loadConfig(process.env);
      const client = createClient({ url: databaseUrl(config.DATABASE_URL) });
      await migrate(client, MIGRATIONS_DIR);
      const result = await new SqliteDossierStore(client).ingest(report.events, new Date());
      console.log(
        `imported ${file}: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.changed} status changes`,
      );
      client.close();
      return 0;
    }
    case "audit": {
      const { values } = parseArgs({
        args: rest,
        options: {
          date: { type: "string" },
          lang: { type: "string", multiple: true },
          code: { type: "string", multiple: true },
          examples: { type: "string" },
          json: { type: "boolean", default: false },
        },
      });
      const date = values.date ?? todayInVietnam();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError("--date must look like 2026-12-31");
      const languages = values.lang?.map(parseLang);
      const config = loadConfig(process.env);
      const catalogue = sources.catalogue();
      const conversation = new Conversation({
        catalogue,
        searcher: sources.searcher(),
        sessions: new MemorySessionStore(),
        province: config.DEFAULT_PROVINCE ?? null,
        // Noon in Vietnam on the audited day.
        clock: () => new Date(`${date}T05:00:00Z`),
      });
      const report = await auditCards(catalogue, conversation, {
        date,
        languages,
        codes: values.code?.map(normalizeCode),
        examples: values.examples === undefined ? undefined : Number(values.examples),
        exceptions: readAuditExceptions(),
      });
      console.log(values.json ? JSON.stringify(report) : formatAudit(report));
      return Object.values(report.counts).some((n) => n > 0) ? 1 : 0;
    }
    case "build-index": {
      // The whole build (npm run build), forced: the index is built from the built catalogue.
      console.log(formatBuildReport(await buildAssets({ force: true })));
      return 0;
    }
    case "search": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          json: { type: "boolean", default: false },
          lang: { type: "string" },
          limit: { type: "string" },
        },
      });
      const query = positionals.join(" ");
      if (query.trim() === "") throw new UsageError('search needs a query, e.g. search "lam so do"');
      const lang = values.lang === undefined ? null : parseLang(values.lang);
      const limit = values.limit === undefined ? 5 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50)
        throw new UsageError("--limit must be a whole number from 1 to 50");
      const catalogue = sources.catalogue();
      const result = sources.searcher().search(query, { limit });
      const rows = toSearchRows(result.hits, catalogue);
      if (values.json) console.log(JSON.stringify(rows));
      else {
        const shown = lang ?? result.lang ?? "vi";
        if (rows.length === 0) console.log("no match");
        for (const r of rows)
          console.log(
            `${r.code}\t${r.score}\t${r.level ?? "-"}\t${r.names[shown] ?? r.names.en ?? r.names.vi}`,
          );
      }
      return 0;
    }
    case "list": {
      const { values } = parseArgs({ args: rest, options: { json: { type: "boolean", default: false } } });
      const catalogue = sources.catalogue();
      const rows = catalogue.entries.map((e) => ({
        code: e.code,
        names: e.names,
        field: e.field,
        level: e.level,
        curated: e.curated,
      }));
      if (values.json) console.log(JSON.stringify(rows));
      else
        for (const r of rows)
          console.log(`${r.code}\t${r.level ?? "-"}\t${r.curated ? "curated" : "national"}\t${r.names.vi}`);
      return 0;
    }
    case "show": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { lang: { type: "string" }, json: { type: "boolean", default: false } },
      });
      const code = positionals[0]?.trim();
      if (!code) throw new UsageError("show needs a procedure code, e.g. show 1.001612");
      const lang = parseLang(values.lang);
      const config = loadConfig(process.env);
      const catalogue = sources.catalogue();
      const wanted = normalizeCode(code);
      const procedure =
        (await catalogue.procedure(wanted)) ??
        (catalogue.successors(wanted).length === 1
          ? await catalogue.procedure(catalogue.successors(wanted)[0] ?? "")
          : null);
      if (!procedure) {
        console.error(`no procedure with code ${code}`);
        return 2;
      }
      const card = buildCard(procedure, catalogue, lang, {
        province: config.DEFAULT_PROVINCE ?? null,
        date: todayInVietnam(),
      });
      console.log(values.json ? JSON.stringify(card, null, 2) : cardToText(card));
      return 0;
    }
    case "terms-coverage": {
      const { values } = parseArgs({
        args: rest,
        options: { missing: { type: "string" }, lang: { type: "string" }, limit: { type: "string" } },
      });
      const kind = values.missing;
      if (kind !== undefined && !(COVERAGE_KINDS as readonly string[]).includes(kind))
        throw new UsageError(`--missing needs a kind: ${COVERAGE_KINDS.join(", ")}`);
      const lang = values.lang ?? "en";
      if (!(TERM_LANGUAGES as readonly string[]).includes(lang))
        throw new UsageError(`--lang must be one of ${TERM_LANGUAGES.join(", ")}`);
      const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
      if (!(limit > 0) || (Number.isFinite(limit) && !Number.isInteger(limit)))
        throw new UsageError("--limit must be a positive whole number");
      const catalogue = sources.catalogue();
      const records = [];
      for (const e of catalogue.entries) {
        const p = await catalogue.procedure(e.code);
        if (p) records.push(p.record);
      }
      if (kind === undefined) {
        console.log(formatTermCoverage(termCoverage(termBase(), records)));
        return 0;
      }
      const missing = untranslatedTerms(termBase(), records, kind as CoverageKind, lang as TermLanguage);
      for (const m of missing.slice(0, limit)) console.log(`${m.count}\t${m.vi.replace(/\s+/g, " ").trim()}`);
      return 0;
    }
    case "investor-set": {
      const { values } = parseArgs({ args: rest, options: { write: { type: "boolean", default: false } } });
      const { report } = await investorSet(sources.catalogue(), DEFAULT_DATA_DIR, values.write);
      console.log(report);
      return 0;
    }
    case "investor-skeleton": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { write: { type: "boolean", default: false }, force: { type: "boolean", default: false } },
      });
      const [lang, ...codes] = positionals;
      if (!lang || !(TERM_LANGUAGES as readonly string[]).includes(lang))
        throw new UsageError(`investor-skeleton needs a language (${TERM_LANGUAGES.join(", ")}) and codes`);
      if (codes.length === 0) throw new UsageError("investor-skeleton needs at least one procedure code");
      const out = await investorSkeleton(
        sources.catalogue(),
        DEFAULT_DATA_DIR,
        lang as TermLanguage,
        codes.map(normalizeCode),
        values,
      );
      for (const line of out.messages) console.error(line);
      if (!values.write)
        console.log(JSON.stringify(out.skeletons.length === 1 ? out.skeletons[0] : out.skeletons, null, 2));
      return out.failed ? 1 : 0;
    }
    case "investor-check": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { code: { type: "string", multiple: true } },
      });
      for (const l of positionals)
        if (!(TERM_LANGUAGES as readonly string[]).includes(l))
          throw new UsageError(`investor-check: unknown language "${l}" (${TERM_LANGUAGES.join(", ")})`);
      const result = await investorCheck(sources.catalogue(), DEFAULT_DATA_DIR, {
        languages: positionals.length > 0 ? (positionals as TermLanguage[]) : undefined,
        codes: values.code?.map(normalizeCode),
      });
      console.log(result.report);
      return result.problems > 0 ? 1 : 0;
    }
    case "staff-hash": {
      console.log(await hashPassword(await readNewPassword()));
      return 0;
    }
    case "staff-add": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { role: { type: "string", default: "staff" } },
      });
      const name = positionals[0]?.toLowerCase();
      if (!name || !/^[a-z0-9][a-z0-9._-]{1,31}$/.test(name))
        throw new UsageError("staff-add needs a name of 2–32 characters a-z, 0-9, . _ or -");
      const role = values.role;
      if (role !== "staff" && role !== "supervisor")
        throw new UsageError(`--role must be staff or supervisor (got "${role}")`);
      const hash = await hashPassword(await readNewPassword());
      const config = loadConfig(process.env);
      const client = createClient({ url: databaseUrl(config.DATABASE_URL) });
      await migrate(client, MIGRATIONS_DIR);
      const done = await new SqliteStaffStore(client).saveAccount(name, hash, role, new Date());
      client.close();
      console.log(`${done} staff account ${name} (${role})`);
      return 0;
    }
    case "investor-line-share": {
      const { values } = parseArgs({ args: rest, options: { date: { type: "string" } } });
      const date = values.date ?? todayInVietnam();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError("--date must look like 2026-12-31");
      console.log((await measureLineShare(sources.catalogue(), DEFAULT_DATA_DIR, { date })).report);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

/** Runs one command and returns its exit code (64 for a usage error), printing errors as a shell shows them. */
export async function runCli(argv: string[], sources: CliSources = LOADED_SOURCES): Promise<number> {
  try {
    return await main(argv, sources);
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ConfigError || error instanceof CatalogueError) console.error(error.message);
    else console.error(error);
    return error instanceof UsageError ? 64 : 1;
  }
}

// Run as a command (tsx src/node/cli.ts …), not when imported (the tests call runCli in-process).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
