/**
 * Frame sizes are bytes of UTF-8 (native messaging, WebSocket frames), but a JavaScript string's
 * `length` counts UTF-16 units: 400,000 `€` is 400,000 units and 1,200,000 bytes. Every size
 * cap on a frame is checked with these, never with `length`.
 * https://encoding.spec.whatwg.org/#utf-8-encoder
 */

/**
 * The UTF-8 byte length of `text`, counted without encoding it. A lone surrogate counts as the
 * three bytes of U+FFFD, as TextEncoder and Node's Buffer write it.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
      continue;
    }
    bytes += 2;
    // A surrogate pair is four bytes: its second unit, already counted once, is skipped.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return bytes;
}

/**
 * True when `text` is at most `max` bytes of UTF-8. A unit is at most three bytes, so a text
 * of up to max / 3 units (every request a dApp makes in practice) fits without a scan.
 */
export function fitsUtf8(text: string, max: number): boolean {
  if (text.length * 3 <= max) return true;
  if (text.length > max) return false;
  return utf8Length(text) <= max;
}
