import { fileURLToPath } from "node:url";
import { loadCli } from "./cliPayload.js";
import { resolveHome } from "./home.js";
import { parseCaller, runRelay } from "./relay.js";

// The entry of dist/host/vaughan-host.mjs. A browser launching us gets the relay, which loads
// only what it needs: the CLI (zod, viem, the daemon) is packed at the end of the file and
// unpacked only by a CLI command (cliPayload.ts), so the browser's connection starts fast.
// stdout is written only through `io.stdout` by CLI commands; in relay mode it carries frames alone.
const argv = process.argv.slice(2);
const hostScript = fileURLToPath(import.meta.url);
const caller = parseCaller(argv);
if (caller) {
  process.exitCode = await runRelay({ home: resolveHome(), caller, hostScript });
} else {
  const { main } = await loadCli(hostScript);
  process.exitCode = await main(argv, hostScript, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
