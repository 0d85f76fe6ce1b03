import { MAX_JSON_DEPTH } from "./constants.js";
import { InvalidRequestError, ParseError } from "./errors.js";

/**
 * Deepest `[`/`{` nesting in a JSON text, counted without parsing, so a hostile
 * 100,000-deep document is refused before any recursive code (ours, zod's or a logger's)
 * walks it. Brackets inside strings are skipped.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** JSON.parse with the depth cap; -32700 for bad JSON, -32600 for a document nested too deep. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  // Each level takes an opening and a closing bracket, so a text shorter than 2 × (maxDepth + 1)
  // cannot pass the cap: most envelopes are, and skip the scan.
  if (text.length >= 2 * (maxDepth + 1) && jsonNestingDepth(text) > maxDepth) {
    throw new InvalidRequestError(`JSON nested deeper than ${maxDepth} levels`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ParseError("Parse error");
  }
}

/**
 * Depth of an already-parsed value (for messages that arrive structured-cloned, not as text),
 * counting objects and arrays; it stops as soon as it passes `limit`, so a cycle ends too. Only
 * objects go on the stack: most params are strings, and each request pays for this walk.
 */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  if (value === null || typeof value !== "object") return 0;
  const objects: object[] = [value];
  const levels: number[] = [1];
  let max = 0;
  while (objects.length > 0) {
    const v = objects.pop() as object;
    const d = levels.pop() as number;
    if (d > max) {
      max = d;
      if (max > limit) return max;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child === null || typeof child !== "object") continue;
      objects.push(child);
      levels.push(d + 1);
    }
  }
  return max;
}
