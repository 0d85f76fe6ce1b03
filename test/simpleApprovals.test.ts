import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPROVAL_DETAILS } from "../protocol/approvalDetails.js";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

/** The details the host builds for connect, add-chain, switch-chain and watch-asset, as the window parses them. */
describe("simple approvals' details", () => {
  let h: Harness;
  let second: Anvil;
  const site = "http://127.0.0.1:5173";

  beforeAll(async () => {
    h = await startHarness();
    second = await startAnvil(31338);
  });
  afterAll(async () => {
    await h?.close();
    await second?.stop();
  });

  /** The last approval asked, checked against the window's own schema for its kind. */
  function lastDetails(kind: keyof typeof APPROVAL_DETAILS): Record<string, unknown> {
    const asked = h.session.approvals().at(-1);
    expect(asked?.kind).toBe(kind);
    return APPROVAL_DETAILS[kind].parse(asked?.details) as Record<string, unknown>;
  }

  it("connect: names the account and the site; no warning for a loopback site", async () => {
    expect((await h.call(site, "eth_requestAccounts")).result).toEqual([TEST_ADDRESS_0]);
    const details = lastDetails("connect");
    expect(details.summary).toBe("Connect Account 1 to 127.0.0.1:5173");
    expect(details.warnings).toEqual([]);
  });

  it("connect: a plain-http site elsewhere is warned about", async () => {
    await h.call("http://shop.example", "eth_requestAccounts");
    expect(lastDetails("connect").warnings).toMatchObject([{ code: "insecure-site", severity: "caution" }]);
  });

  it("add-chain: the site's node and a reused name are warned about", async () => {
    const add = (chainName: string, chainId: string) =>
      h.call(site, "wallet_addEthereumChain", [
        {
          chainId,
          chainName,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: [second.url],
        },
      ]);
    h.session.policy = "reject";
    await add("Anvil", "0x7a6a");
    const reused = lastDetails("add-chain");
    expect(reused.warnings).toMatchObject([{ code: "network-name-reused" }, { code: "site-proposed-rpc" }]);
    h.session.policy = "approve";
    expect(await add("Anvil Two", "0x7a6a")).toEqual({ result: null });
    const details = lastDetails("add-chain");
    expect(details).toMatchObject({
      summary: "Add the network Anvil Two (chain ID 31338) and switch to it",
      chainId: 31338,
      rpcUrl: second.url,
    });
    expect(details.warnings).toMatchObject([{ code: "site-proposed-rpc", severity: "caution" }]);
  });

  it("switch-chain: both networks by name", async () => {
    expect(await h.call(site, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }])).toEqual({
      result: null,
    });
    expect(lastDetails("switch-chain")).toMatchObject({
      summary: "Switch this site from Anvil Two to Anvil",
      from: { chainId: 31338, name: "Anvil Two" },
      to: { chainId: 31337, name: "Anvil" },
    });
  });

  it("watch-asset: an address without a contract is warned about", async () => {
    const token = "0x000000000000000000000000000000000000dEaD";
    const result = await h.call(site, "wallet_watchAsset", [
      { type: "ERC20", options: { address: token, symbol: "FAKE", decimals: 18 } },
    ]);
    expect(result).toEqual({ result: true });
    const details = lastDetails("watch-asset");
    expect(details.summary).toBe("Add FAKE to your tokens on Anvil");
    expect(details.warnings).toMatchObject([{ code: "not-a-token", severity: "caution" }]);
    expect(details.balance).toBeUndefined();
  });
});
