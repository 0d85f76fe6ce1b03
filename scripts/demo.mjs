// `npm run demo`: Vaughan end to end, entirely offline and in throwaway folders. An anvil
// devnet, a demo wallet funded by anvil's mnemonic, Chromium with the extension and the host
// registered in a temporary profile, and a demo dApp (connect, sign, send) on 127.0.0.1.
//
// With a display (DISPLAY set) the browser opens for you to click through; without one (or
// with --headless) the demo clicks itself and writes a screenshot of each step, plus
// steps.json saying what each step saw, into the folder it prints. Everything else it started
// or created is removed when it ends, Ctrl-C included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "./demo/browser.mjs";
import { driveDemo } from "./demo/drive.mjs";
import { startDappServer } from "./demo/server.mjs";
import { ANVIL_MNEMONIC, startAnvil } from "./lib/anvil.mjs";
import { deployFixture } from "./lib/contracts.mjs";
import { extensionId } from "./lib/extension.mjs";
import { host, hostStatus, requireBuild, stopDaemon } from "./lib/host.mjs";
import { step } from "./lib/progress.mjs";

const CHAIN_ID = 31337;
const PASSWORD = "vaughan-demo";
/** The demo wallet's first account (anvil's first, unlocked in anvil too). */
const DEMO_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const say = (line = "") => process.stdout.write(`${line}\n`);

const { values: flags } = parseArgs({ options: { headless: { type: "boolean" }, out: { type: "string" } } });
const headless = flags.headless === true || !process.env.DISPLAY;

/** Cleanups run last-in first-out, once, whether the demo succeeds, fails or is interrupted. */
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        process.stderr.write(`cleanup: ${error instanceof Error ? error.message : error}\n`);
      }
    }
  })();
  return cleaning;
}

async function demo(record) {
  requireBuild();
  const root = mkdtempSync(join(tmpdir(), "vaughan-demo-"));
  record.tempRoot = root;
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dirs = { home: join(root, "vaughan"), fakeHome: join(root, "home"), profile: join(root, "profile") };
  mkdirSync(dirs.fakeHome);
  // HOME too, so neither the host nor Chromium touches anything of the real user's.
  const env = { ...process.env, VAUGHAN_HOME: dirs.home, HOME: dirs.fakeHome };

  const anvil = await step("Starting an anvil devnet", () => startAnvil(CHAIN_ID));
  record.pids.anvil = anvil.pid;
  cleanups.push(() => anvil.stop());

  await step("Creating the demo wallet (anvil's funded mnemonic)", async () => {
    writeFileSync(join(root, "password.txt"), `${PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(join(root, "mnemonic.txt"), `${ANVIL_MNEMONIC}\n`, { mode: 0o600 });
    const files = [
      "--password-file",
      join(root, "password.txt"),
      "--mnemonic-file",
      join(root, "mnemonic.txt"),
    ];
    for (const args of [
      ["init", ...files],
      ["chains", "add", "--chain-id", String(CHAIN_ID), "--rpc-url", anvil.url, "--name", "Anvil devnet"],
      ["chains", "default", String(CHAIN_ID)],
      ["install", "--browser", "chromium", "--user-data-dir", dirs.profile],
    ]) {
      const r = await host(args, env);
      if (r.code !== 0) throw new Error(`vaughan-host ${args[0]}: ${r.stderr.trim()}`);
    }
  });
  // The relay starts the daemon when the extension connects; stop it whoever started it.
  cleanups.push(async () => {
    record.pids.daemon = (await stopDaemon(env)) ?? record.pids.daemon;
  });

  const dapp = await step("Serving the demo dApp", () => startDappServer());
  cleanups.push(() => dapp.close());

  const context = await step(`Starting Chromium (${headless ? "headless" : "headed"})`, () =>
    launchChromium({ profile: dirs.profile, env, headless }),
  );
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${dapp.origin}/`);
  const popupUrl = `chrome-extension://${extensionId()}/popup.html`;

  if (!headless) {
    say(`The demo dApp is open at ${dapp.origin}/. Wallet password: ${PASSWORD}`);
    say(
      "Click Connect, Sign and Send, and answer the wallet's windows. Close the browser (or Ctrl-C) to end.",
    );
    await new Promise((done) => context.once("close", done));
    return;
  }
  say(`Driving the demo headless; screenshots go to ${record.screenshots}`);
  const token = await step("Deploying the demo token (DEMO, with permit)", () =>
    deployFixture(anvil.url, "DemoToken", DEMO_ACCOUNT, [DEMO_ACCOUNT]),
  );
  record.steps = await driveDemo({
    context,
    page,
    password: PASSWORD,
    shots: record.screenshots,
    popupUrl,
    token,
  });
  record.pids.daemon = (await hostStatus(env)).pid;
}

async function main() {
  // Only the headless run photographs its steps; a headed one leaves no folder behind.
  let screenshots = null;
  if (headless) {
    screenshots = resolve(flags.out ?? mkdtempSync(join(tmpdir(), "vaughan-demo-screenshots-")));
    mkdirSync(screenshots, { recursive: true });
  }
  const record = {
    headless,
    screenshots,
    tempRoot: null,
    pids: { anvil: null, daemon: null },
    steps: [],
    error: null,
  };
  if (headless) say(`Screenshots: ${screenshots}`);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: cleaning up…\n`);
      record.error ??= `interrupted by ${signal}`;
      void cleanup().then(() => {
        finish(record);
        process.exit(130);
      });
    });
  }
  try {
    await demo(record);
  } catch (error) {
    // Playwright appends its call log to messages; the first line says what went wrong.
    record.error ??= (error instanceof Error ? error.message : String(error)).split("\n")[0];
    process.stderr.write(`npm run demo: ${record.error}\n`);
  }
  await step("Cleaning up (browser, daemon, devnet, temporary folders)", cleanup);
  finish(record);
  return record.error === null ? 0 : 1;
}

/** Writes steps.json after the cleanup, so it can name what was stopped and removed. */
function finish(record) {
  if (!record.headless) return;
  writeFileSync(join(record.screenshots, "steps.json"), `${JSON.stringify(record, null, 2)}\n`);
  say(`Screenshots and steps.json: ${record.screenshots}`);
}

main().then((code) => process.exit(code));
