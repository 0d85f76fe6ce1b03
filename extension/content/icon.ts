/** The EIP-6963 icon: a small SVG as a data URI (EIP-6963 asks for a square image, ≥ 96 px). */
export const ICON_DATA_URI =
  "data:image/svg+xml;base64," +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="20" fill="#1d3b53"/><path d="M24 26h12l12 34 12-34h12L54 72H42z" fill="#f4c95d"/></svg>',
  );
