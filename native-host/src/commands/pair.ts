import type { Io } from "../cli.js";
import { parseFlags } from "../cliArgs.js";
import { ensureHome } from "../home.js";
import { runPairCommand } from "../ws/pairCommand.js";

/** `pair`: a one-time code for the options page, alone on one stdout line. */
export async function pairCommand(home: string, args: string[], io: Io): Promise<number> {
  parseFlags(args, {});
  ensureHome(home);
  runPairCommand(home, { write: io.stdout });
  return 0;
}
