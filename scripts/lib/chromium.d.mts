/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM: string;
/** Flags for a Chromium with only our extension loaded and nothing leaving the machine. */
export function chromiumArgs(extensionDir: string): string[];
