const SVG = "http://www.w3.org/2000/svg";
const GRID = 5;

/** What an identicon shows: two hues and which cells of a 5×5 grid (left half mirrored) are filled. */
export interface IdenticonPattern {
  readonly background: string;
  readonly foreground: string;
  /** Row-major, GRID × GRID. */
  readonly cells: readonly boolean[];
}

/**
 * The pattern for an address, from its own hex digits alone: the same address always draws the
 * same picture, on every machine, with no network. Case is ignored (checksummed or not).
 */
export function identiconPattern(address: string): IdenticonPattern {
  const hex = address.toLowerCase().replace(/^0x/, "").padEnd(40, "0");
  const nibble = (i: number) => Number.parseInt(hex[i % hex.length] ?? "0", 16);
  const hue = (nibble(0) * 16 + nibble(1)) * (360 / 256);
  const accentHue = (hue + 120 + nibble(2) * 8) % 360;
  const cells: boolean[] = [];
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < GRID; col++) {
      // Columns 3 and 4 mirror columns 1 and 0: symmetric shapes read as a face, not noise.
      const source = col < 3 ? col : GRID - 1 - col;
      cells.push(nibble(4 + row * 3 + source) % 2 === 0);
    }
  }
  return {
    background: `hsl(${hue.toFixed(0)} 60% 88%)`,
    foreground: `hsl(${accentHue.toFixed(0)} 65% 38%)`,
    cells,
  };
}

/** The identicon as an SVG element, `size` px square, hidden from screen readers (decoration). */
export function identicon(address: string, size = 32): SVGSVGElement {
  const pattern = identiconPattern(address);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${GRID} ${GRID}`);
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("class", "identicon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(GRID));
  background.setAttribute("height", String(GRID));
  background.setAttribute("fill", pattern.background);
  svg.append(background);
  pattern.cells.forEach((filled, i) => {
    if (!filled) return;
    const cell = document.createElementNS(SVG, "rect");
    cell.setAttribute("x", String(i % GRID));
    cell.setAttribute("y", String(Math.floor(i / GRID)));
    cell.setAttribute("width", "1");
    cell.setAttribute("height", "1");
    cell.setAttribute("fill", pattern.foreground);
    svg.append(cell);
  });
  return svg;
}
