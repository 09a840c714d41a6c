/**
 * The Node entry: `npm start` runs it bundled (dist/node/main.js, from npm run build), `npm run dev` from source.
 * It listens before it loads anything else: the server (server.ts: configuration, catalogue, search index, SQLite,
 * the bots) is imported and started after listen(), so a process manager sees it alive at once. Until the server
 * is ready, GET /healthz answers 200 (liveness: `starting: true`), GET /readyz 503, and every other request waits
 * and is answered when it is. Nothing but node:http is imported before listen().
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const startedAt = new Date().toISOString();
let listener: Listener | null = null;
/** Requests that came before the server was ready, answered in order once it is. */
const held: [IncomingMessage, ServerResponse][] = [];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function whileStarting(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/healthz")
    return json(res, 200, { status: "ok", starting: true, startedAt });
  if (req.method === "GET" && path === "/readyz")
    return json(res, 503, { status: "not_ready", catalogue: "loading" }, { "retry-after": "1" });
  held.push([req, res]);
}

/** PORT as the configuration reads it (default 8787), or null where it is not a plain port number. */
function plainPort(value: string | undefined): number | null {
  const text = (value ?? "").trim();
  if (text === "") return 8787;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

const server = createServer((req, res) => (listener ?? whileStarting)(req, res));
server.once("error", (error) => {
  console.error(`cannot listen: ${error.message}`);
  process.exit(1);
});
// An unusual PORT is left to the configuration, which says what is wrong with it.
const port = plainPort(process.env.PORT);
if (port !== null)
  await new Promise<void>((listening) =>
    server.listen(port, process.env.HOST?.trim() || "127.0.0.1", listening),
  );

try {
  const { start } = await import("./server.ts");
  await start({
    server,
    listening: port !== null,
    entryFile: fileURLToPath(import.meta.url),
    release(ready) {
      listener = ready;
      for (const [req, res] of held.splice(0)) ready(req, res);
    },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
