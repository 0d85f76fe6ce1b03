import { type Address, encodeFunctionData, erc20Abi, maxUint256, parseAbi } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateCalls } from "../native-host/src/approvals/simulate.js";
import { simulateWithDeadline, simulationWarnings } from "../native-host/src/approvals/simulationUpdate.js";
import type { Chain } from "../native-host/src/stores/chains.js";
import { type DeployedFixtures, deployFixtures, fixtureCalldata, mint } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type RpcProxy, startRpcProxy } from "./support/rpcProxy.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const ME = TEST_ADDRESS_0 as Address;
const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const SPENDER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
/** An account with nothing: a batch that funds it first shows both calls ran in one block. */
const EMPTY = "0x000000000000000000000000000000000000bee5";

/**
 * The simulation on a real anvil with the fixture contracts deployed (OpenZeppelin ERC-20,
 * ERC-721, ERC-1155, a reverter): what the account gains, loses and grants, as the node's
 * eth_simulateV1 with traceTransfers reports it. A proxy in front of the same anvil plays a
 * node without eth_simulateV1.
 */
describe("simulateCalls", () => {
  let h: Harness;
  let chain: Chain;
  let f: DeployedFixtures;
  let proxy: RpcProxy;

  beforeAll(async () => {
    h = await startHarness();
    chain = h.wallet.chains.get(31337) as Chain;
    f = await deployFixtures(h.anvil.url);
    await mint(h.anvil.url, "FixtureToken", f.token, [ME, 10n ** 20n]);
    await mint(h.anvil.url, "FixtureNFT", f.nft, [ME, 7n]);
    await mint(h.anvil.url, "FixtureMulti", f.multi, [ME, 3n, 10n]);
    await mint(h.anvil.url, "FixtureMulti", f.multi, [ME, 5n, 10n]);
    await mint(h.anvil.url, "BareToken", f.bare, [ME, 5_000_000n]);
    proxy = await startRpcProxy(h.anvil.url, ["eth_simulateV1"]);
  });
  afterAll(async () => {
    await proxy?.close();
    await h?.close();
  });

  it("shows an ETH send as the native amount leaving the account", async () => {
    const simulation = await simulateCalls(chain, ME, [{ to: RECIPIENT, value: 10n ** 16n }]);
    expect(simulation).toEqual({
      status: "ok",
      changes: [{ asset: "native", delta: "-10000000000000000", formatted: "−0.01 ETH" }],
      grants: [],
      gasUsed: "21000",
      siteProposedRpc: false,
    });
  });

  it("shows an ERC-20 transfer with the token's symbol and decimals", async () => {
    const data = await fixtureCalldata("FixtureToken", "transfer", [RECIPIENT, 15n * 10n ** 17n]);
    const simulation = await simulateCalls(chain, ME, [{ to: f.token, data }]);
    expect(simulation).toMatchObject({
      status: "ok",
      changes: [
        {
          asset: f.token.toLowerCase(),
          delta: "-1500000000000000000",
          formatted: "−1.5 FTK",
          token: { name: "Fixture Token", symbol: "FTK", decimals: 18, standard: "erc20" },
        },
      ],
      grants: [],
    });
  });

  it("shows a token without a symbol by its address, in its decimals", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [RECIPIENT, 1_500_000n],
    });
    const simulation = await simulateCalls(chain, ME, [{ to: f.bare, data }]);
    const short = `${f.bare.toLowerCase().slice(0, 6)}…${f.bare.toLowerCase().slice(-4)}`;
    expect(simulation).toMatchObject({
      status: "ok",
      changes: [{ asset: f.bare.toLowerCase(), delta: "-1500000", formatted: `−1.5 ${short}` }],
    });
  });

  it("shows an ERC-721 transfer with its token id", async () => {
    const data = await fixtureCalldata("FixtureNFT", "transferFrom", [ME, RECIPIENT, 7n]);
    const simulation = await simulateCalls(chain, ME, [{ to: f.nft, data }]);
    expect(simulation).toMatchObject({
      status: "ok",
      changes: [
        {
          asset: f.nft.toLowerCase(),
          tokenId: "7",
          delta: "-1",
          formatted: "−1 Fixture NFT #7",
          token: { standard: "erc721", symbol: "FNFT" },
        },
      ],
      grants: [],
    });
  });

  it("shows ERC-1155 single and batch transfers per token id", async () => {
    const single = await fixtureCalldata("FixtureMulti", "safeTransferFrom", [ME, RECIPIENT, 3n, 4n, "0x"]);
    expect(await simulateCalls(chain, ME, [{ to: f.multi, data: single }])).toMatchObject({
      status: "ok",
      changes: [{ asset: f.multi.toLowerCase(), tokenId: "3", delta: "-4", token: { standard: "erc1155" } }],
    });
    const batch = await fixtureCalldata("FixtureMulti", "safeBatchTransferFrom", [
      ME,
      RECIPIENT,
      [3n, 5n],
      [1n, 2n],
      "0x",
    ]);
    const simulation = await simulateCalls(chain, ME, [{ to: f.multi, data: batch }]);
    expect(simulation.status === "ok" && simulation.changes.map((c) => [c.tokenId, c.delta])).toEqual([
      ["3", "-1"],
      ["5", "-2"],
    ]);
  });

  it("shows an unlimited approve as a grant, and no change to balances", async () => {
    const data = await fixtureCalldata("FixtureToken", "approve", [SPENDER, maxUint256]);
    expect(await simulateCalls(chain, ME, [{ to: f.token, data }])).toEqual({
      status: "ok",
      changes: [],
      grants: [
        {
          token: {
            address: f.token.toLowerCase(),
            name: "Fixture Token",
            symbol: "FTK",
            decimals: 18,
            standard: "erc20",
          },
          spender: { address: SPENDER },
          amount: { raw: maxUint256.toString(), formatted: "unlimited FTK", unlimited: true },
        },
      ],
      gasUsed: expect.stringMatching(/^\d+$/),
      siteProposedRpc: false,
    });
    const limited = await fixtureCalldata("FixtureToken", "approve", [SPENDER, 2n * 10n ** 18n]);
    expect(await simulateCalls(chain, ME, [{ to: f.token, data: limited }])).toMatchObject({
      grants: [{ amount: { raw: "2000000000000000000", formatted: "2 FTK" } }],
    });
  });

  it("shows setApprovalForAll as a grant of the whole collection", async () => {
    const data = await fixtureCalldata("FixtureNFT", "setApprovalForAll", [SPENDER, true]);
    expect(await simulateCalls(chain, ME, [{ to: f.nft, data }])).toMatchObject({
      status: "ok",
      changes: [],
      grants: [
        {
          token: { address: f.nft.toLowerCase(), name: "Fixture NFT" },
          spender: { address: SPENDER },
          all: true,
        },
      ],
    });
  });

  it("says why a call reverts, with the contract's reason", async () => {
    const data = await fixtureCalldata("Reverter", "fail", []);
    const simulation = await simulateCalls(chain, ME, [{ to: f.reverter, data }]);
    expect(simulation).toEqual({
      status: "reverts",
      reason: "reverted: Reverter: always fails",
      siteProposedRpc: false,
    });
    expect(simulationWarnings(simulation)).toEqual([
      {
        code: "simulation-reverts",
        severity: "caution",
        message:
          "This transaction would fail (reverted: Reverter: always fails); its fee would still be paid.",
      },
    ]);
  });

  it("runs a batch in one block: the second call sees the first's effects, changes netted", async () => {
    const mintTo = encodeFunctionData({
      abi: parseAbi(["function mint(address to, uint256 amount)"]),
      functionName: "mint",
      args: [EMPTY, 5n * 10n ** 18n],
    });
    const transfer = await fixtureCalldata("FixtureToken", "transfer", [RECIPIENT, 3n * 10n ** 18n]);
    const simulation = await simulateCalls(chain, EMPTY, [
      { to: f.token, data: mintTo },
      { to: f.token, data: transfer },
    ]);
    expect(simulation).toMatchObject({
      status: "ok",
      changes: [{ asset: f.token.toLowerCase(), delta: "2000000000000000000", formatted: "+2 FTK" }],
    });
    // Alone, the transfer fails: the empty account has no tokens.
    expect(await simulateCalls(chain, EMPTY, [{ to: f.token, data: transfer }])).toMatchObject({
      status: "reverts",
      reason: expect.stringMatching(/^custom error 0xe450d38c/),
    });
  });

  it("marks a simulation on a chain a site added", async () => {
    const added = { ...chain, addedBy: "https://dapp.example" };
    expect(await simulateCalls(added, ME, [{ to: RECIPIENT, value: 1n }])).toMatchObject({
      status: "ok",
      siteProposedRpc: true,
    });
  });

  it("falls back to eth_estimateGas on a node that refuses eth_simulateV1", async () => {
    const refusing = { ...chain, rpcUrls: [proxy.url] };
    const from = proxy.methods.length;
    const fine = await simulateCalls(refusing, ME, [{ to: RECIPIENT, value: 1n }]);
    expect(fine).toEqual({
      status: "unavailable",
      reason: "this network's node does not support eth_simulateV1",
      reverts: null,
    });
    expect(proxy.methods.slice(from)).toEqual(["eth_simulateV1", "eth_estimateGas"]);
    const data = await fixtureCalldata("Reverter", "fail", []);
    const failing = await simulateCalls(refusing, ME, [{ to: f.reverter, data }]);
    expect(failing).toEqual({
      status: "unavailable",
      reason: "this network's node does not support eth_simulateV1",
      reverts: "reverted: Reverter: always fails",
    });
    expect(simulationWarnings(failing).map((w) => [w.code, w.severity])).toEqual([
      ["simulation-reverts", "caution"],
      ["simulation-unavailable", "info"],
    ]);
  });

  it("asks the node nothing when simulation is off", async () => {
    const refusing = { ...chain, rpcUrls: [proxy.url] };
    const from = proxy.methods.length;
    expect(await simulateCalls(refusing, ME, [{ to: RECIPIENT, value: 1n }], { enabled: false })).toEqual({
      status: "unavailable",
      reason: "simulation is off in settings",
      reverts: null,
    });
    expect(proxy.methods.length).toBe(from);
  });

  it("gives up at the deadline with a reason", async () => {
    // A node that never answers: the wallet must not wait past the deadline for it.
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const stuck = { ...chain, rpcUrls: [`http://127.0.0.1:${port}`] };
      expect(
        await simulateWithDeadline(stuck, ME, [{ to: RECIPIENT, value: 1n }], { deadlineMs: 200 }),
      ).toEqual({
        status: "unavailable",
        reason: "the node did not answer within 0.2 s",
        reverts: null,
      });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
