import { encodeFunctionData, erc20Abi } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callCounterparties, earlierCounterparties } from "../native-host/src/approvals/counterparties.js";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { deployFixture, mint } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const SITE = "https://dapp.example";
/** Real counterparties of the account: one paid in ETH, one in tokens. */
const FRIEND = "0x5a11c0ffee000000000000000000000000a0beef";
const SHOP = "0x7e57000000000000000000000000000000005eed";
/** Each with the same first and last four hex digits, a different middle: an attacker's vanity twin. */
const FRIEND_TWIN = "0x5a11999999999999999999999999999999a0beef";
const SHOP_TWIN = "0x7e57111111111111111111111111111111115eed";

/**
 * The look-alike check fed by the account's own history: the activity store records what each
 * transaction sent and to whom, and a later transaction to an address that imitates one of
 * those counterparties is a danger, on a real anvil with the fixture ERC-20.
 */
describe("address poisoning against the account's history", () => {
  let h: Harness;
  let token: `0x${string}`;

  beforeAll(async () => {
    h = await startHarness();
    token = await deployFixture(h.anvil.url, "FixtureToken");
    await mint(h.anvil.url, "FixtureToken", token, [TEST_ADDRESS_0, 10n ** 20n]);
    await h.call(SITE, "eth_requestAccounts");
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.session.policy = "approve";
  });

  const transfer = (to: string) =>
    encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to as `0x${string}`, 1n] });

  /** Sends through the host, approved, and waits until the activity has it confirmed. */
  async function sendConfirmed(tx: { to: string; value?: string; data?: string }): Promise<void> {
    h.session.policy = "approve";
    const { result, error } = await h.call(SITE, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, ...tx }]);
    if (error) throw new Error(error.message);
    const status = async () => {
      const list = (await uiHandler("vaughan_activity")(
        h.wallet,
        [31337, TEST_ADDRESS_0],
        h.session,
      )) as Array<{
        id: string;
        status: string;
      }>;
      return list.find((e) => e.id === result)?.status;
    };
    await expect.poll(status, { timeout: 20_000, interval: 100 }).toBe("confirmed");
  }

  let checks = 0;
  /**
   * The warning codes the window would show for a transaction, which the person rejects. Each
   * from a site of its own: three rejections in a row would brake one site's prompts.
   */
  async function warningsFor(tx: { to: string; value?: string; data?: string }): Promise<string[]> {
    const site = `https://check-${++checks}.example`;
    h.session.policy = "approve";
    await h.call(site, "eth_requestAccounts");
    h.session.policy = "reject";
    const before = h.session.approvals().length;
    const { error } = await h.call(site, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, ...tx }]);
    expect(error?.code).toBe(4001);
    const approval = h.session.approvals()[before];
    const details = approval?.details as { warnings: Array<{ code: string; message: string }> };
    return details.warnings.map((w) => w.code);
  }

  it("no history, no look-alike: the twin is only an address", async () => {
    expect(await warningsFor({ to: FRIEND_TWIN, value: "0x1" })).not.toContain("lookalike-address");
  });

  it("after a confirmed ETH send to an address, its twin is a danger and the address itself is not", async () => {
    await sendConfirmed({ to: FRIEND, value: "0x2" });
    expect(await warningsFor({ to: FRIEND_TWIN, value: "0x1" })).toContain("lookalike-address");
    const details = h.session.approvals().at(-1)?.details as {
      warnings: Array<{ code: string; message: string }>;
    };
    const warning = details.warnings.find((w) => w.code === "lookalike-address");
    expect(warning?.message.toLowerCase()).toContain(FRIEND.slice(0, 6));
    expect(await warningsFor({ to: FRIEND, value: "0x1" })).not.toContain("lookalike-address");
  });

  it("a token transfer's recipient counts too: its twin as a token recipient or an ETH recipient is a danger", async () => {
    expect(await warningsFor({ to: token, data: transfer(SHOP_TWIN) })).not.toContain("lookalike-address");
    await sendConfirmed({ to: token, data: transfer(SHOP) });
    expect(h.wallet.activity.list(31337, TEST_ADDRESS_0)[0]?.counterparties).toEqual([SHOP]);
    expect(await warningsFor({ to: token, data: transfer(SHOP_TWIN) })).toContain("lookalike-address");
    expect(await warningsFor({ to: SHOP_TWIN, value: "0x1" })).toContain("lookalike-address");
    expect(await warningsFor({ to: token, data: transfer(SHOP) })).not.toContain("lookalike-address");
  });

  it("the history is per chain and account", () => {
    expect(earlierCounterparties(h.wallet.activity, 31337, TEST_ADDRESS_0)).toEqual(
      expect.arrayContaining([FRIEND, SHOP, token.toLowerCase()]),
    );
    expect(earlierCounterparties(h.wallet.activity, 1, TEST_ADDRESS_0)).toEqual([]);
    expect(earlierCounterparties(h.wallet.activity, 31337, FRIEND)).toEqual([]);
  });

  it("reads recipients and spenders from calldata alone, nested multicalls included, and nothing else", () => {
    const approve = encodeFunctionData({
      abi: erc20Abi,
      functionName: "approve",
      args: [SHOP as `0x${string}`, 5n],
    });
    const multicall = encodeFunctionData({
      abi: [
        {
          type: "function",
          name: "multicall",
          stateMutability: "nonpayable",
          inputs: [{ name: "data", type: "bytes[]" }],
          outputs: [],
        },
      ],
      functionName: "multicall",
      args: [[transfer(FRIEND), approve]],
    });
    expect(callCounterparties(multicall)).toEqual([FRIEND, SHOP]);
    expect(callCounterparties("0x")).toEqual([]);
    expect(callCounterparties("0xdeadbeef")).toEqual([]);
  });
});
