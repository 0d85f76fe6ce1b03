import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The design tokens keep WCAG 2.1 AA (4.5:1) for every text colour on the surfaces it is used on. */
const css = readFileSync(new URL("./theme.css", import.meta.url), "utf8");

function tokens(block: string): Map<string, string> {
  return new Map([...block.matchAll(/--vg-([\w-]+): (#[0-9a-f]{6});/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

/** https://www.w3.org/TR/WCAG21/#dfn-relative-luminance */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const [lightBlock, darkBlock] = css.split("@media (prefers-color-scheme: dark)");
const light = tokens(lightBlock ?? "");
const themes = { light, dark: new Map([...light, ...tokens(darkBlock ?? "")]) };

const PAIRS = [
  ...["text", "text-muted", "accent"].flatMap((fg) =>
    ["bg", "surface", "surface-2"].map((bg) => [fg, bg] as const),
  ),
  ["on-accent", "accent"],
  ["accent", "accent-soft"],
  ...["danger", "caution", "success", "info"].flatMap((s) => [[s, `${s}-bg`] as const, [s, "bg"] as const]),
] as const;

describe("theme.css", () => {
  for (const [name, theme] of Object.entries(themes)) {
    it.each(PAIRS)(`${name}: --vg-%s on --vg-%s is at least 4.5:1`, (fg, bg) => {
      const a = theme.get(fg);
      const b = theme.get(bg);
      expect(a, fg).toMatch(/^#/);
      expect(b, bg).toMatch(/^#/);
      expect(contrast(a as string, b as string)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
