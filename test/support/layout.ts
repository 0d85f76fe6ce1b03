import { posix } from "node:path";

/**
 * The repository's layout rules, as functions over a file's path (relative to the repository
 * root, with `/`) and its text, so test/layout.test.ts can run them over every tracked file and
 * over planted examples alike:
 *
 * - `protocol/` is shared by the page, the extension and Node: it imports no runtime (`node:`,
 *   `ws`, `webextension-polyfill`, the extension's or the host's code) and touches no runtime's
 *   globals (DOM, `browser`/`chrome`, `process`, `Buffer`, `require`).
 * - No relative path leaves the repository: a clone must hold everything its files point to.
 * - No file cites a ticket number or a document outside the repository: comments say what and
 *   why, or cite docs/ or a spec's or upstream bug's URL.
 */
export interface Finding {
  file: string;
  line: number;
  rule: "protocol-runtime" | "path-leaves-repository" | "outside-citation";
  text: string;
}

type Rule = (file: string, text: string) => Finding[];

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function findAll(text: string, pattern: RegExp, found: (match: RegExpExecArray) => string | undefined) {
  const hits: Array<{ index: number; text: string }> = [];
  for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))) {
    const hit = found(match);
    if (hit !== undefined) hits.push({ index: match.index, text: hit });
  }
  return hits;
}

/** Strings and comments blanked out (newlines kept), so only code is left to match. */
function codeOnly(text: string): string {
  return text.replace(
    /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (token) => (token.startsWith("/") ? token.replace(/[^\n]/g, " ") : `"${" ".repeat(token.length - 2)}"`),
  );
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/;
const RUNTIME_PACKAGES = new Set(["ws", "webextension-polyfill"]);
/** A runtime's global used as a value; `x.process` (a property) and `process:` (a key) are not. */
const RUNTIME_GLOBAL =
  /(?<![.\w$])(window|document|navigator|chrome|browser|process|Buffer|require)\s*(?:\?\.|[.[(])/;

export const protocolRuntime: Rule = (file, text) => {
  if (!file.startsWith("protocol/") || !file.endsWith(".ts") || file.endsWith(".test.ts")) return [];
  const imports = findAll(text, IMPORT, (match) => {
    const specifier = match[1] as string;
    if (specifier.startsWith("node:") || RUNTIME_PACKAGES.has(specifier)) return specifier;
    if (specifier.startsWith(".") && !posix.join(posix.dirname(file), specifier).startsWith("protocol/"))
      return specifier;
    return undefined;
  });
  const globals = findAll(codeOnly(text), RUNTIME_GLOBAL, (match) => match[1]);
  return [...imports, ...globals].map((hit) => ({
    file,
    line: lineOf(text, hit.index),
    rule: "protocol-runtime",
    text: hit.text,
  }));
};

/** `../` paths, as a Markdown link, an import or prose writes them. */
const RELATIVE_PATH = /(?:\.\.\/)+[^\s"'`)\]>]*/;

export const pathsLeavingRepository: Rule = (file, text) =>
  findAll(text, RELATIVE_PATH, (match) =>
    posix.join(posix.dirname(file), match[0]).startsWith("../") ? match[0] : undefined,
  ).map((hit) => ({ file, line: lineOf(text, hit.index), rule: "path-leaves-repository", text: hit.text }));

/**
 * The team's documents outside the repository, by name (docs/ holds ours, in lower case).
 */
const OUTSIDE_DOCUMENT =
  /\b(?:SECURITY|CONTRACT|NATIVE-MESSAGING|BROWSER-TESTING|ARCHITECTURE|DESIGN|STYLE)\.md\b/;
/**
 * Ticket numbers (the word issue, ticket or PR and a number) and the style guide's numbered
 * habits. EIP numbers, threat ids (T12, defined in docs/security.md), counts of things and
 * upstream projects' issue URLs (`/issues/123`) are not citations of this kind.
 */
const TICKET = /\b(?:issues?|tickets?)\s+#?\d+|\bPR\s*#\d+|\bhabits?\s+\d+/i;

export const outsideCitations: Rule = (file, text) => {
  if (!/\.(?:ts|mts|mjs|md)$/.test(file)) return [];
  const hits = [OUTSIDE_DOCUMENT, TICKET].flatMap((pattern) => findAll(text, pattern, (match) => match[0]));
  return hits.map((hit) => ({
    file,
    line: lineOf(text, hit.index),
    rule: "outside-citation",
    text: hit.text,
  }));
};

export function checkLayout(files: Iterable<{ file: string; text: string }>): Finding[] {
  const findings: Finding[] = [];
  for (const { file, text } of files)
    for (const rule of [protocolRuntime, pathsLeavingRepository, outsideCitations])
      findings.push(...rule(file, text));
  return findings;
}
