// Mozilla's web-ext through its Node API (the CLI would also check npm for its own updates).
import webExt from "web-ext";

const quiet = { shouldExitProgram: false };

/**
 * Lints an unpacked Firefox extension with addons-linter, as addons.mozilla.org does.
 * @param {string} sourceDir
 * @returns {Promise<{ errors: object[], warnings: object[], notices: object[] }>}
 */
export async function lintFirefox(sourceDir) {
  const result = await webExt.cmd.lint({ sourceDir, output: "none", selfHosted: false }, quiet);
  return { errors: result.errors, warnings: result.warnings, notices: result.notices };
}

/**
 * Zips `sourceDir` into `artifactsDir/filename` (web-ext build: the stores' layout, files at
 * the archive's root, nothing outside the folder).
 * @param {string} sourceDir
 * @param {string} artifactsDir
 * @param {string} filename
 * @returns {Promise<string>} the archive's path
 */
export async function zipExtension(sourceDir, artifactsDir, filename) {
  const { extensionPath } = await webExt.cmd.build(
    { sourceDir, artifactsDir, filename, overwriteDest: true },
    quiet,
  );
  return extensionPath;
}
