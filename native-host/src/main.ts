import { fileURLToPath } from "node:url";
import { main } from "./cli.js";

// The entry of dist/host/vaughan-host.mjs. stdout is written only through `io.stdout` by CLI
// commands; in relay mode it carries frames alone.
const code = await main(process.argv.slice(2), fileURLToPath(import.meta.url), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
