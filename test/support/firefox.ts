import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import puppeteer, { type Browser, type Page, type Target } from "puppeteer-core";
import { zipExtension } from "../../scripts/lib/webExt.mjs";
import { type Anvil, startAnvil } from "./anvil.js";
import { type DappServer, startDappServer } from "./dappServer.js";
import { HOST_SCRIPT, type HostResult, prepareHome, TEST_PASSWORD, type TempDirs, tempDirs } from "./host.js";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
export const FIREFOX_EXTENSION_DIR = resolve("dist/firefox");

import { GECKO_ID } from "../../protocol/extensionId.js";

export { GECKO_ID };

/**
 * Headless Firefox ESR driven by puppeteer-core over WebDriver BiDi, with the built extension
 * installed as a temporary add-on (docs/testing.md, Firefox). Firefox looks native host
 * manifests up under `$HOME/.mozilla`, whatever the profile, and writes into `$HOME` even with
 * a temporary profile: HOME is the test's own folder. Firefox passes its environment to the
 * host it spawns, so VAUGHAN_HOME reaches the relay and the daemon it starts.
 */
export async function launchFirefox(opts: {
  home: string;
  fakeHome: string;
  profile: string;
  /** The unpacked add-on; `dist/firefox` unless given. */
  extensionDir?: string;
  /**
   * A packaged add-on (.xpi) to install permanently instead, as a user installs a release: its
   * permissions are what the manifest grants, not everything a temporary add-on gets.
   * Unsigned, so signature checks are off (a pref Firefox ESR honours).
   */
  xpi?: string;
  /** More Firefox preferences (about:config), e.g. a short event-page idle timeout. */
  prefs?: Record<string, unknown>;
}): Promise<Browser> {
  if (!existsSync(FIREFOX))
    throw new Error(`${FIREFOX} not found: apt-get install firefox-esr, or set FIREFOX_PATH`);
  mkdirSync(opts.profile, { recursive: true });
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    userDataDir: opts.profile,
    env: { ...process.env, VAUGHAN_HOME: opts.home, HOME: opts.fakeHome },
    extraPrefsFirefox: {
      "privacy.reduceTimerPrecision": false,
      // Nothing may leave the machine: every request that is not for the loopback goes to a
      // proxy on a port nobody listens on (Firefox never proxies localhost by default).
      "network.proxy.type": 1,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": 9,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": 9,
      "network.proxy.share_proxy_settings": true,
      "network.proxy.no_proxies_on": "127.0.0.1, localhost",
      "network.dns.disablePrefetch": true,
      "network.prefetch-next": false,
      ...(opts.xpi ? { "xpinstall.signatures.required": false } : {}),
      ...opts.prefs,
    },
  });
  try {
    const id = opts.xpi
      ? await installPermanently(browser, opts.xpi)
      : await browser.installExtension(opts.extensionDir ?? FIREFOX_EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed add-on id ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

/**
 * webExtension.install with Firefox's `moz:permanent`, which puppeteer's installExtension does
 * not pass (https://firefox-source-docs.mozilla.org/remote/webdriver-bidi/Extensions.html).
 */
async function installPermanently(browser: Browser, xpi: string): Promise<string> {
  const { connection } = browser as unknown as {
    connection: { send(method: string, params: object): Promise<{ result: { extension: string } }> };
  };
  const { result } = await connection.send("webExtension.install", {
    extensionData: { type: "archivePath", path: xpi },
    "moz:permanent": true,
  });
  return result.extension;
}

/**
 * Starts `call` (a page request that needs approval) and returns the approval window it opened
 * with the call's result still pending. BiDi reports an extension page's url as `about:blank`,
 * so the window is the page that was not there before, and the page itself is asked where it
 * is. If the call settles first, no window is coming: fail with what it answered.
 */
export async function openApproval<T>(
  browser: Browser,
  call: () => Promise<T>,
): Promise<{ dialog: Page; result: Promise<T> }> {
  const before = new Set<Target>(browser.targets());
  const result = call();
  let settled: { value: unknown } | undefined;
  result.then(
    (value) => {
      settled = { value };
    },
    (error: unknown) => {
      settled = { value: error instanceof Error ? error.message : error };
    },
  );
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const target of browser.targets()) {
      if (before.has(target) || target.type() !== "page") continue;
      const page = await target.page();
      const href = await page?.evaluate(() => location.href).catch(() => undefined);
      if (page && href?.includes("/approval.html")) return { dialog: page, result };
    }
    if (settled) throw new Error(`no approval window: the request answered ${JSON.stringify(settled.value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no approval window opened within 15 s");
}

/** The page at `pathname` (an extension page, which BiDi shows as about:blank) that is not in `before`. */
export async function newExtensionPage(
  browser: Browser,
  before: Set<Target>,
  pathname: string,
): Promise<Page> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const target of browser.targets()) {
      if (before.has(target) || target.type() !== "page") continue;
      const page = await target.page();
      if (page && (await page.evaluate(() => location.pathname).catch(() => undefined)) === pathname)
        return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new page at ${pathname} within 10 s`);
}

/** A test id's text, or undefined while the element is not there (or the page is gone). */
export async function testIdText(page: Page, id: string): Promise<string | undefined> {
  return page
    .evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? undefined, id)
    .catch(() => undefined);
}

/**
 * A real (trusted) mouse click on a button whose handler closes the window: the window may be
 * gone before the mouse-up is acknowledged, and that is the click working. The Page is not
 * used again afterwards (docs/testing.md).
 */
export async function clickClosing(dialog: Page, testId: string): Promise<void> {
  const button = await dialog.waitForSelector(`[data-testid="${testId}"]`, {
    visible: true,
    timeout: 10_000,
  });
  if (!button) throw new Error(`${testId} not visible`);
  try {
    await button.click();
  } catch (error) {
    if (!dialog.isClosed()) throw error;
  }
  // Firefox destroys the browsing context, but Puppeteer over BiDi neither emits "close" for an
  // extension popup nor drops its target: the window is gone when the page no longer answers.
  const deadline = Date.now() + 10_000;
  while (!(await isGone(dialog))) {
    if (Date.now() > deadline) throw new Error(`the window stayed open after ${testId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True once the page's browsing context no longer exists. */
export async function isGone(page: Page): Promise<boolean> {
  if (page.isClosed()) return true;
  try {
    await page.evaluate(() => 1);
    return false;
  } catch (error) {
    return /no such frame|not found|closed/i.test((error as Error).message);
  }
}

/** Waits until Approve is armed (~500 ms after shown), then clicks it. */
export async function approveIn(dialog: Page): Promise<void> {
  await dialog.waitForSelector('[data-testid="approve"]:not([disabled])', { timeout: 10_000 });
  await clickClosing(dialog, "approve");
}

/** Unlocks from the approval window's unlock form, typing as a user would. */
export async function unlockIn(dialog: Page): Promise<void> {
  await dialog.waitForSelector('[data-testid="unlock-password"]', { visible: true, timeout: 10_000 });
  await dialog.type('[data-testid="unlock-password"]', TEST_PASSWORD);
  await dialog.click('[data-testid="unlock-submit"]');
}

export interface FirefoxWalletFixture {
  dirs: TempDirs;
  anvil: Anvil;
  dapp: DappServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * Everything real, as for Chromium (walletFixture.ts): anvil, a vault from anvil's mnemonic,
 * the host registered for Firefox in the test's HOME by `vaughan-host install` itself, the
 * built add-on, and the test dApp on 127.0.0.1. The daemon is left for the relay to start.
 */
export async function startFirefoxWallet(
  opts: {
    prefs?: Record<string, unknown>;
    /** Install the add-on packaged (an .xpi, as `npm run package` makes it) and permanently. */
    permanent?: boolean;
    /** Serve the dApp under this host name, resolved to 127.0.0.1 by Firefox, not 127.0.0.1 itself. */
    dappHost?: string;
  } = {},
): Promise<FirefoxWalletFixture> {
  const dirs = tempDirs();
  const stops: Array<() => Promise<unknown>> = [
    async () => {
      const pid = daemonPid(dirs.home);
      await dirs.cleanup();
      if (pid !== undefined) await killDaemon(pid, dirs.home);
    },
  ];
  const close = async () => {
    // Last started, first stopped; the daemon (dirs.cleanup) after the browser that used it.
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const anvil = await startAnvil(31337);
    stops.push(() => anvil.stop());
    await prepareHome(dirs, anvil);
    // Other work may rebuild dist/ while this runs: the browser and the relay it starts use a
    // snapshot of the add-on and the host, and the manifest's launcher names the snapshot.
    const build = snapshotBuild(dirs.root);
    const install = await runHostScript(build.hostScript, ["install", "--browser", "firefox"], dirs);
    if (install.code !== 0)
      throw new Error(`vaughan-host install --browser firefox failed: ${install.stderr}`);
    const dapp = await startDappServer();
    stops.push(() => dapp.close());
    const xpi = opts.permanent
      ? await zipExtension(build.extensionDir, join(dirs.root, "build"), "vaughan.xpi")
      : undefined;
    const hostPrefs = opts.dappHost
      ? {
          // Firefox resolves these names to the loopback itself, no resolver asked.
          "network.dns.localDomains": opts.dappHost,
          "network.proxy.no_proxies_on": `127.0.0.1, localhost, ${opts.dappHost}`,
        }
      : {};
    const browser = await launchFirefox({
      ...dirs,
      extensionDir: build.extensionDir,
      xpi,
      prefs: { ...hostPrefs, ...opts.prefs },
    });
    stops.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(
      opts.dappHost ? `${dapp.origin.replace("127.0.0.1", opts.dappHost)}/` : `${dapp.origin}/`,
    );
    await page.waitForFunction(() => "ethereum" in window, { timeout: 10_000 });
    return { dirs, anvil, dapp, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The pid the relay-started daemon wrote into its discovery file, if any. */
function daemonPid(home: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(join(home, "daemon.json"), "utf8")) as { pid?: unknown }).pid;
    return typeof pid === "number" ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A backstop for `tempDirs().cleanup()`, whose `status --json` can miss a daemon that answers
 * slowly on a busy machine: stops the pid only while its command line still names our home.
 */
async function killDaemon(pid: number, home: string): Promise<void> {
  const ours = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(home);
    } catch {
      return false;
    }
  };
  if (!ours()) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 5000;
  while (ours() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (ours()) process.kill(pid, "SIGKILL");
}

/**
 * The native-messaging relays Firefox started for this test: the processes whose arguments
 * name the host manifest in the test's own HOME (Firefox passes the manifest path first).
 */
export function relayPids(fakeHome: string): number[] {
  const manifest = join(fakeHome, ".mozilla", "native-messaging-hosts", "io.vaughan.host.json");
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(manifest))
        pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** A copy of the built add-on and host under `root`, safe from a concurrent rebuild of dist/. */
export function snapshotBuild(root: string): { extensionDir: string; hostScript: string } {
  const extensionDir = join(root, "build", "firefox");
  const hostDir = join(root, "build", "host");
  cpSync(FIREFOX_EXTENSION_DIR, extensionDir, { recursive: true });
  // The whole folder: the entry imports the CLI bundle beside it.
  cpSync(dirname(HOST_SCRIPT), hostDir, { recursive: true });
  return { extensionDir, hostScript: join(hostDir, basename(HOST_SCRIPT)) };
}

/** Runs a given host script as the CLI, with the test's data folder and HOME. */
function runHostScript(
  script: string,
  args: string[],
  env: { home: string; fakeHome: string },
): Promise<HostResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { ...process.env, VAUGHAN_HOME: env.home, HOME: env.fakeHome }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
