import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Browser from "webextension-polyfill";
import { UI_PORT_NAME } from "../../protocol/constants.js";
import { extensionUrl } from "../support/browser.js";
import { runHost, TEST_ADDRESS_0, TEST_PASSWORD } from "../support/host.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

/** anvil's second account: index 1 of the test mnemonic, the one "Add account" derives next. */
const TEST_ADDRESS_1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** The toolbar popup and the options page, in Chromium, against the real host. */
describe("popup and options", () => {
  let fx: WalletFixture;
  let popup: Page;
  const address = async () => (await popup.getByTestId("account-address").textContent())?.toLowerCase();

  beforeAll(async () => {
    fx = await startWallet();
    popup = await fx.context.newPage();
    await popup.goto(extensionUrl("popup.html"));
  });
  afterAll(() => fx?.close());

  it("shows the transport and unlocks from the popup; a wrong password is refused in words", async () => {
    await expect
      .poll(() => popup.getByTestId("transport-status").textContent(), { timeout: 15_000 })
      .toBe("native");
    expect(await popup.getByTestId("wallet-status").textContent()).toBe("locked");
    await popup.getByTestId("unlock-password").fill("not the password");
    await popup.getByTestId("unlock-submit").click();
    await expect
      .poll(() => popup.locator("form .error").textContent(), { timeout: 15_000 })
      .toBe("Wrong password");
    await popup.getByTestId("unlock-password").fill(TEST_PASSWORD);
    await popup.getByTestId("unlock-submit").click();
    await expect.poll(address, { timeout: 15_000 }).toBe(TEST_ADDRESS_0);
    expect(await popup.getByTestId("wallet-status").textContent()).toBe("unlocked");
  });

  it("adds an account and selects it", async () => {
    await popup.getByTestId("add-account").click();
    await expect
      .poll(() => popup.getByTestId("account-select").locator("option").count(), { timeout: 15_000 })
      .toBe(2);
    const values = await popup
      .getByTestId("account-select")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value.toLowerCase()));
    expect(values).toEqual([TEST_ADDRESS_0, TEST_ADDRESS_1]);
    await popup.getByTestId("account-select").selectOption({ index: 1 });
    await expect.poll(address, { timeout: 15_000 }).toBe(TEST_ADDRESS_1);
    // The host, not the page, holds the choice: a fresh popup and the CLI both see it.
    await popup.reload();
    await expect.poll(address, { timeout: 15_000 }).toBe(TEST_ADDRESS_1);
    expect((await runHost(["accounts"], fx.dirs)).stdout.toLowerCase()).toContain(TEST_ADDRESS_1);
    await popup.getByTestId("account-select").selectOption({ index: 0 });
    await expect.poll(address, { timeout: 15_000 }).toBe(TEST_ADDRESS_0);
  });

  it("copies the selected address", async () => {
    await fx.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await popup.getByTestId("copy-address").click();
    await expect
      .poll(() => popup.getByTestId("copy-address").textContent(), { timeout: 15_000 })
      .toBe("Copied");
    expect((await popup.evaluate(() => navigator.clipboard.readText())).toLowerCase()).toBe(TEST_ADDRESS_0);
  });

  it("locks, and the lock holds for a new popup until unlocked again", async () => {
    await popup.getByTestId("lock").click();
    await expect
      .poll(() => popup.getByTestId("wallet-status").textContent(), { timeout: 15_000 })
      .toBe("locked");
    expect(await popup.getByTestId("account-address").count()).toBe(0);
    expect(JSON.parse((await runHost(["status", "--json"], fx.dirs)).stdout).locked).toBe(true);
    await popup.reload();
    await expect.poll(() => popup.getByTestId("unlock-password").count(), { timeout: 15_000 }).toBe(1);
    await popup.getByTestId("unlock-password").fill(TEST_PASSWORD);
    await popup.getByTestId("unlock-submit").click();
    await expect.poll(address, { timeout: 15_000 }).toBe(TEST_ADDRESS_0);
  });

  it("shows the chain of the site in the active tab", async () => {
    // The popup asks for the active tab of its window; with the dApp's tab in front and the
    // popup's own tab behind it, that tab is the dApp, as when the toolbar icon is clicked.
    await fx.page.bringToFront();
    await popup.reload();
    await expect
      .poll(() => popup.getByTestId("site-chain").textContent(), { timeout: 15_000 })
      .toBe(`${fx.dapp.origin} is on Anvil (31337)`);
  });

  it("answers every message on the UI port, a malformed one and a bad call included", async () => {
    // Straight on the port, as a page with a bug would send: each gets an error reply with its id.
    const replies = await popup.evaluate(
      ({ portName, messages }) => {
        // The page's own `chrome` global, typed by the polyfill's twin of it.
        const { runtime } = (globalThis as unknown as { chrome: typeof Browser }).chrome;
        const port = runtime.connect({ name: portName });
        const answers = messages.map(
          (message) =>
            new Promise((resolve) => {
              const id = (message as { id: number }).id;
              port.onMessage.addListener((reply: unknown) => {
                if ((reply as { id?: unknown }).id === id) resolve(reply);
              });
              setTimeout(() => resolve(`no reply to ${id}`), 10_000);
            }),
        );
        for (const message of messages) port.postMessage(message);
        return Promise.all(answers);
      },
      {
        portName: UI_PORT_NAME,
        messages: [
          { type: "no-such-type", id: 901 },
          { type: "ui", id: 902, method: "vaughan_siteChain", params: [42] },
          { type: "ui", id: 903, method: "vaughan_nope", params: [] },
        ],
      },
    );
    expect(replies).toEqual([
      { id: 901, error: { code: -32600, message: "Invalid request" } },
      { id: 902, error: { code: -32602, message: expect.stringMatching(/^Invalid params at params\.0: /) } },
      { id: 903, error: { code: -32601, message: "Method vaughan_nope not found" } },
    ]);
  });

  it("saves the auto-lock minutes on the options page, and they persist", async () => {
    const options = await fx.context.newPage();
    await options.goto(extensionUrl("options.html"));
    await expect.poll(() => options.getByTestId("auto-lock").inputValue(), { timeout: 15_000 }).toBe("15");
    await options.getByTestId("auto-lock").fill("0");
    await options.getByTestId("auto-lock-save").click();
    expect(await options.getByTestId("auto-lock-result").textContent()).toBe(
      "Enter whole minutes from 1 to 1440.",
    );
    await options.getByTestId("auto-lock").fill("7");
    await options.getByTestId("auto-lock-save").click();
    await expect
      .poll(() => options.getByTestId("auto-lock-result").textContent(), { timeout: 15_000 })
      .toBe("Saved: the wallet locks after 7 idle minutes.");
    await options.reload();
    await expect.poll(() => options.getByTestId("auto-lock").inputValue(), { timeout: 15_000 }).toBe("7");
    // On disk, so it outlives the daemon.
    expect(JSON.parse(readFileSync(join(fx.dirs.home, "settings.json"), "utf8")).autoLockMinutes).toBe(7);
    await options.close();
  });

  it("turns simulation off and on again on the options page, and the host keeps it", async () => {
    const options = await fx.context.newPage();
    await options.goto(extensionUrl("options.html"));
    const simulate = options.getByTestId("simulate");
    await expect.poll(() => simulate.isChecked(), { timeout: 15_000 }).toBe(true);
    const saved = () => JSON.parse(readFileSync(join(fx.dirs.home, "settings.json"), "utf8")).simulate;
    await simulate.uncheck();
    await expect
      .poll(() => options.getByTestId("simulate-result").textContent(), { timeout: 15_000 })
      .toBe("Saved: the node is asked nothing before you approve, and approval windows say so.");
    expect(saved()).toBe(false);
    await options.reload();
    await expect.poll(() => simulate.isChecked(), { timeout: 15_000 }).toBe(false);
    await simulate.check();
    await expect
      .poll(() => options.getByTestId("simulate-result").textContent(), { timeout: 15_000 })
      .toMatch(/^Saved: transactions are simulated/);
    expect(saved()).toBe(true);
    await options.close();
  });
});
