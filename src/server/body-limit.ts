import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";

/**
 * Hono's bodyLimit, without its cost on the common path. Hono's reads `c.req.raw.body` first, which on
 * @hono/node-server turns the lightweight request into a full undici Request with a web stream over the socket
 * (on every route, GETs too): a fifth of a webhook acknowledgement's CPU in bench:load. A request that states its
 * length (Content-Length, no Transfer-Encoding) is judged by that header alone: the HTTP parser never reads more
 * bytes than it states. Only a chunked body is counted as it streams in, by Hono's own middleware. GET and HEAD
 * carry no body here, as in Hono's.
 */
export function bodyLimit(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streaming = streamingBodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (!/^\d+$/.test(length.trim())) return streaming(c, next);
      return Number(length) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
