/**
 * The sample both runtimes answer for the parity test: queries from the blind evaluation set (every 20th, all
 * languages) and codes spread over the whole catalogue (every 113th), as requests to the public API.
 */
import evalFresh from "../search/eval-fresh.json" with { type: "json" };

export interface ParityRequest {
  path: string;
  /** JSON body of a POST (/api/chat); absent for a GET. */
  body?: unknown;
}

const LANGS = ["vi", "en", "zh", "ko", "ja"] as const;

export function paritySample(codes: string[]): ParityRequest[] {
  const queries = evalFresh.queries.filter((_, i) => i % 20 === 0);
  const sampled = codes.filter((_, i) => i % 113 === 0);
  return [
    ...queries.map((q) => ({ path: `/api/procedures?q=${encodeURIComponent(q.q)}&limit=5` })),
    ...queries.map((q, i) => ({
      path: "/api/chat",
      body: { text: q.q, lang: q.lang, sessionId: `parity-session-${String(i).padStart(4, "0")}` },
    })),
    ...sampled.map((code, i) => ({ path: `/api/procedures/${code}?lang=${LANGS[i % LANGS.length]}` })),
  ];
}

export interface ParityAnswer {
  path: string;
  /** The POST body sent, if any. */
  request?: unknown;
  status: number;
  body: unknown;
}
