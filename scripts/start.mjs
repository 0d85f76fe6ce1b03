// `npm start` (after `node build.mjs`): the first run. Registers the native host for the
// browsers found, creates a wallet when none exists, starts the daemon when it is not running,
// and says what to load in the browser. Safe to run again: every step checks before it acts.
//
// Without a terminal it never waits for input: it uses VAUGHAN_PASSWORD_FILE when set, else it
// says what to run and exits 1.
import { CHROME_DIR, extensionId, loadSteps } from "./lib/extension.mjs";
import {
  HOST_SCRIPT,
  host,
  hostInteractive,
  hostStatus,
  requireBuild,
  startDaemonDetached,
} from "./lib/host.mjs";
import { step } from "./lib/progress.mjs";

const CLI = `node ${HOST_SCRIPT}`;
const say = (line = "") => process.stdout.write(`${line}\n`);

/** `install --browser auto`; returns the browsers registered (empty when none was found). */
async function register() {
  const r = await step("Registering the native host for the browsers found", () =>
    host(["install", "--browser", "auto"]),
  );
  for (const line of r.stderr.split("\n").filter(Boolean)) process.stderr.write(`  ${line}\n`);
  if (r.code !== 0) {
    say("No browser found to register with. Register by hand once the browser is installed:");
    say(`  ${CLI} install --browser chrome|chromium|brave|edge|vivaldi|opera|firefox`);
    return [];
  }
  const match = /^Registered \S+ for (.+) \(node /m.exec(r.stdout);
  return match ? match[1].split(", ") : [];
}

/** A new wallet from a password file; `init` shows the new recovery phrase once, on stderr. */
async function initFromPasswordFile(passwordFile) {
  const r = await step("Creating the wallet (encrypting takes a few seconds)", () =>
    host(["init", "--password-file", passwordFile]),
  );
  if (r.code !== 0) throw new Error(r.stderr.trim());
  process.stderr.write(r.stderr);
  return r.stdout.trim();
}

/** Creates the wallet when none exists; returns false when it cannot without a terminal. */
async function ensureWallet(status) {
  if (status.hasVault) {
    say(`✓ Wallet found in ${status.home}`);
    return true;
  }
  const passwordFile = process.env.VAUGHAN_PASSWORD_FILE;
  if (passwordFile) {
    say(`✓ Wallet created: ${await initFromPasswordFile(passwordFile)}`);
    return true;
  }
  if (!process.stdin.isTTY) {
    process.stderr.write(
      [
        `No wallet in ${status.home} yet, and no terminal to ask for a password. Either:`,
        `  run \`${CLI} init\` in a terminal (it asks for a password and shows the recovery phrase), then \`npm start\` again; or`,
        "  set VAUGHAN_PASSWORD_FILE=FILE (a file whose first line is the password) and run `npm start` again.",
        "",
      ].join("\n"),
    );
    return false;
  }
  say("No wallet yet: choose a password (at least 8 characters; typing is hidden).");
  // `init` with no flags asks twice with hidden input and shows the new phrase with its warning.
  if ((await hostInteractive(["init"])) !== 0) throw new Error("the wallet was not created");
  return true;
}

async function main() {
  requireBuild();
  const browsers = await register();
  if (!(await ensureWallet(await hostStatus()))) return 1;
  let status = await hostStatus();
  if (status.running) say(`✓ Daemon already running (pid ${status.pid})`);
  else {
    status = await step("Starting the daemon", () => startDaemonDetached());
    say(
      `✓ Daemon started (pid ${status.pid}${status.port ? `, WebSocket fallback ws://127.0.0.1:${status.port}` : ""})`,
    );
  }
  say();
  say("Load the extension (once), as an unpacked extension:");
  say(`  folder: ${CHROME_DIR}`);
  say(`  id:     ${extensionId()}`);
  say(loadSteps(browsers.length > 0 ? browsers : ["chrome", "firefox"]).join("\n"));
  say();
  say("Then click Vaughan's toolbar icon and unlock. Something wrong? Run:");
  say(`  ${CLI} status`);
  say(`Stop the daemon with: kill ${status.pid}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
