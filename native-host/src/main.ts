import { fileURLToPath } from "node:url";
import { resolveHome } from "./home.js";
import { parseCaller, runRelay } from "./relay.js";

// The entry of dist/host/vaughan-host.mjs. A browser launching us gets the relay, which loads
// only what it needs. The CLI and the daemon (zod, viem, the wallet: ~1.5 MB) are a bundle of
// their own beside this file, imported only for a CLI command: parsing them cost the relay
// ~27 ms on every browser connection, more than node's own start.
// stdout is written only through `io.stdout` by CLI commands; in relay mode it carries frames alone.
const argv = process.argv.slice(2);
const hostScript = fileURLToPath(import.meta.url);
const caller = parseCaller(argv);
if (caller) {
  process.exitCode = await runRelay({ home: resolveHome(), caller, hostScript });
} else {
  // A URL, not a specifier esbuild would bundle: build.mjs writes the CLI under this name.
  const cli: typeof import("./cli.js") = await import(new URL("./vaughan-cli.mjs", import.meta.url).href);
  process.exitCode = await cli.main(argv, hostScript, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
