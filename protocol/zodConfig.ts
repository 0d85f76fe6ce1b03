import * as z from "zod";

/**
 * Imported before any schema is made (zod fixes the choice when a schema is built). Zod
 * compiles its object parsers with `new Function` unless told not to. Extension pages and the
 * service worker run under a CSP without 'unsafe-eval', where even zod's probe is reported as
 * a violation: there it must not try. The host runs in Node, where compiled parsers cut the
 * two parses on every request from ~1 µs to ~0.4 µs; the code is made from our schemas'
 * shapes, never from input.
 */
const node = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
z.config({ jitless: typeof node !== "string" });
