import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FirefoxWalletFixture, GECKO_ID, startFirefoxWallet } from "../support/firefox.js";

const DAPP_HOST = "dapp.vaughan.test";

type Eth = { isVaughan?: boolean; request(a: { method: string }): Promise<unknown> };

/**
 * The packaged add-on as a user installs a release: the .xpi installed permanently (unsigned,
 * signatures off as Firefox ESR allows), not as a temporary add-on. Its host permissions name
 * only the loopback while its content scripts match every site, so a dApp on 127.0.0.1 (where
 * every other test serves it) proves nothing about other sites: here the page is on an ordinary
 * host name, resolved to 127.0.0.1 by Firefox itself, and plain http://, so not a secure
 * context either (crypto.randomUUID() threw there before the provider existed).
 */
describe("the Firefox package installed permanently", () => {
  let fx: FirefoxWalletFixture;
  beforeAll(async () => {
    fx = await startFirefoxWallet({ permanent: true, dappHost: DAPP_HOST });
  }, 120_000);
  afterAll(() => fx?.close());

  it("is a permanent install of the add-on whose host permissions are the loopback alone", () => {
    const profile = JSON.parse(readFileSync(join(fx.dirs.profile, "extensions.json"), "utf8")) as {
      addons: Array<{ id: string; location: string }>;
    };
    const addon = profile.addons.find((a) => a.id === GECKO_ID);
    expect(addon?.location).toBe("app-profile");
    const manifest = JSON.parse(
      readFileSync(join(fx.dirs.root, "build", "firefox", "manifest.json"), "utf8"),
    );
    expect(manifest.host_permissions).toEqual(["http://127.0.0.1/*", "http://localhost/*"]);
  });

  it("gives a page on a plain http:// site (not the loopback) the provider, which reaches the host", async () => {
    expect(new URL(fx.page.url()).hostname).toBe(DAPP_HOST);
    await fx.page.waitForFunction(() => "ethereum" in window, { timeout: 10_000 });
    const answer = await fx.page.evaluate(async () => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      return { isVaughan: eth.isVaughan, chainId: await eth.request({ method: "eth_chainId" }) };
    });
    expect(answer).toEqual({ isVaughan: true, chainId: "0x7a69" });
  }, 30_000);
});
