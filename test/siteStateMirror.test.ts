import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteStateMirror } from "../native-host/src/daemon/SiteStateMirror.js";
import type { Session } from "../native-host/src/wallet/Session.js";
import type { HostToExtension } from "../protocol/messages.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

/** A connection that records what the mirror sends it. */
function session(id: number): Session & { sent: HostToExtension[] } {
  const sent: HostToExtension[] = [];
  return {
    id,
    transport: "native",
    role: "extension",
    extensionOrigin: "chrome-extension://test",
    sent,
    send: (m) => sent.push(m),
    close() {},
  };
}

describe("SiteStateMirror", () => {
  let h: Harness;
  const site = "https://dapp.example";
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sends an origin's state once, then only what changed, to the connections that hold it", async () => {
    const mirror = new SiteStateMirror(h.wallet);
    const a = session(1);
    const b = session(2);
    mirror.hold(a, site);
    mirror.hold(a, site);
    expect(a.sent).toEqual([
      { v: 1, type: "site-state", origin: site, state: { chainId: "0x7a69", accounts: [] } },
    ]);
    mirror.sync();
    expect(a.sent).toHaveLength(1);
    h.wallet.sites.grant(site, [TEST_ADDRESS_0]);
    mirror.sync();
    expect(a.sent.at(-1)).toEqual({
      v: 1,
      type: "site-state",
      origin: site,
      state: { chainId: "0x7a69", accounts: [TEST_ADDRESS_0] },
    });
    expect(b.sent).toEqual([]);
    // Locked, a site sees no accounts.
    h.wallet.lock();
    mirror.sync();
    expect(a.sent.at(-1)).toMatchObject({ state: { accounts: [] } });
    mirror.forget(a);
    h.wallet.sites.revoke(site);
    mirror.sync();
    expect(a.sent).toHaveLength(3);
  });
});
