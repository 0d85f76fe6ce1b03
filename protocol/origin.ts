/** Origins already found well-formed: a page repeats its origin on every request. Bounded. */
const known = new Set<string>();
const KNOWN_MAX = 1024;

/**
 * True when `origin` is a serialized http(s) origin exactly as a browser writes it
 * (`https://app.example:8443`, no path, no trailing slash, lower-case host). Opaque (`null`),
 * file:, data: and extension origins get no provider service (docs/security.md T7).
 */
export function isWebOrigin(origin: string): boolean {
  if (known.has(origin)) return true;
  if (origin.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const ok = (url.protocol === "https:" || url.protocol === "http:") && url.origin === origin;
  if (ok) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.add(origin);
  }
  return ok;
}
