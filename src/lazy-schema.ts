/**
 * A schema made on first use. Every zod schema built at module scope costs CPU in each fresh Worker isolate
 * before its first request (about 20 µs per schema object, and zod's own code compiled on the way), while most of
 * them check data that the build validates (catalogue, terms, lexicon, overlays) or borders a request may never
 * cross (Zalo, ingest, the dossier upstream). `lazySchema(() => z.object(…))` is used like the schema itself
 * (parse, safeParse, shape, as a member of another schema): the first property read builds it.
 */
export function lazySchema<T extends object>(make: () => T): T {
  let made: T | undefined;
  const schema = () => {
    made ??= make();
    return made;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
