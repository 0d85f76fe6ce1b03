import { createPairingCode } from "./pairing.js";

/**
 * `vaughan-host pair` (docs/interface.md): creates a one-time pairing code, valid 5 minutes, and
 * prints it alone on one line. Nothing else goes to stdout, so scripts can read the code.
 * The code is not logged anywhere: only the person at the terminal should see it.
 */
export function runPairCommand(home: string, stdout: { write(text: string): unknown }): void {
  stdout.write(`${createPairingCode(home)}\n`);
}
