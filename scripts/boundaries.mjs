// The architecture's import rules (docs/architecture.md), checked on an esbuild metafile: which
// source files a bundle pulled in, and what protocol/ files import.

/**
 * @param {{ name: string, rules: string[] }} target
 * @param {{ inputs: Record<string, { imports: { path: string }[] }> }} metafile
 * @returns {string[]} one message per violation
 */
export function checkBoundaries(target, metafile) {
  const errors = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (target.rules.includes("no-host") && file.startsWith("native-host/"))
      errors.push(`${target.name} includes ${file}`);
    if (target.rules.includes("no-extension") && file.startsWith("extension/"))
      errors.push(`${target.name} includes ${file}`);
    if (target.rules.includes("no-zod") && file.includes("node_modules/zod/")) {
      errors.push(`${target.name} (on every page or every browser connection) includes zod: ${file}`);
    }
    if (target.rules.includes("no-viem") && file.includes("node_modules/viem/")) {
      errors.push(`${target.name} (on every browser connection) includes viem: ${file}`);
    }
    if (file.startsWith("protocol/")) {
      for (const imp of input.imports) {
        const runtimeSpecific =
          imp.path.startsWith("node:") ||
          imp.path.startsWith("extension/") ||
          imp.path.startsWith("native-host/") ||
          imp.path.includes("webextension-polyfill");
        if (runtimeSpecific) errors.push(`protocol/ must stay runtime-neutral: ${file} imports ${imp.path}`);
      }
    }
  }
  return errors;
}
