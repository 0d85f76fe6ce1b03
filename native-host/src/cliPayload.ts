/**
 * dist/host/vaughan-host.mjs is one file (CONTRACT) but two programs: the relay a browser starts
 * on every connection, and the CLI with the daemon (zod, viem, the wallet). Parsing the whole
 * 1.5 MB bundle cost the relay ~27 ms on every start, more than node itself. So build.mjs
 * bundles the CLI as CommonJS and packs it, gzipped and base64-encoded, into a comment at the
 * end of the file: the relay's parser skips ~450 KB of comment, and only the CLI unpacks it.
 */
const PAYLOAD_START = "/*vaughan-cli:"; // build.mjs writes the same marker
const PAYLOAD_END = "*/"; // base64 never contains it

/**
 * Runs the CLI packed into `hostScript` and returns its exports. The modules it needs are
 * imported here, not at the top: loading node:zlib and node:vm is itself a cost the relay
 * should not pay.
 */
export async function loadCli(hostScript: string): Promise<typeof import("./cli.js")> {
  const [{ readFileSync }, { createRequire }, { dirname }, { runInThisContext }, { gunzipSync }] =
    await Promise.all([
      import("node:fs"),
      import("node:module"),
      import("node:path"),
      import("node:vm"),
      import("node:zlib"),
    ]);
  const text = readFileSync(hostScript, "latin1");
  const start = text.lastIndexOf(PAYLOAD_START);
  const end = text.indexOf(PAYLOAD_END, start);
  if (start === -1 || end === -1) throw new Error(`${hostScript} holds no CLI (rebuild with npm run build)`);
  const code = gunzipSync(Buffer.from(text.slice(start + PAYLOAD_START.length, end), "base64")).toString(
    "utf8",
  );
  const module = { exports: {} as typeof import("./cli.js") };
  // CommonJS's own wrapper; the file name makes stack traces point at the CLI inside the host.
  const run = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: `${hostScript}#cli`,
  }) as (...args: unknown[]) => void;
  run(module.exports, createRequire(hostScript), module, hostScript, dirname(hostScript));
  return module.exports;
}
