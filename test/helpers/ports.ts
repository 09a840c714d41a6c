import { createServer } from "node:net";

/**
 * A port the system has just handed out and nobody holds: a child process told to listen on it finds it free
 * (the entry takes PORT, and 0 is not a valid one). Used by the end-to-end tests and the Node runtime bench.
 * (A random number in 20000–40000 fell in Linux's ephemeral range, where the suite's own outgoing connections
 * hold ports: EADDRINUSE now and then.)
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}
