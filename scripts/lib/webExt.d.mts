/** addons-linter's findings for an unpacked Firefox extension, as addons.mozilla.org lints it. */
export function lintFirefox(
  sourceDir: string,
): Promise<{ errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] }>;
/** One addons-linter finding. */
export interface LintMessage {
  _type: string;
  code: string;
  message: string;
  file?: string;
}
/** Zips `sourceDir` into `artifactsDir/filename` (web-ext build); resolves the archive's path. */
export function zipExtension(sourceDir: string, artifactsDir: string, filename: string): Promise<string>;
