import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodName } from "../protocol/methods.js";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type InProcessWallet, startInProcessWallet } from "./support/inProcessWallet.js";

/**
 * docs/security.md test 12's fixed vectors, test 13 (EIP-3085) and T13's strict schemas, against the
 * real host handlers in-process with a real anvil behind the site's chain. Every refusal here
 * must come before the user is asked: no approval is recorded.
 */
const ORIGIN = "https://dapp.example";
const STRANGER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const TO = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const MAIL = {
  types: { Mail: [{ name: "contents", type: "string" }] },
  primaryType: "Mail",
  domain: { name: "Vaughan", chainId: 31337 },
  message: { contents: "hi" },
};

describe("host strictness (in-process handlers, real anvil)", () => {
  let anvil: Anvil;
  let other: Anvil;
  let w: InProcessWallet;
  const refused = async (method: MethodName, params: unknown[], code = -32602) => {
    expect(await w.call(ORIGIN, method, params), `${method} ${JSON.stringify(params)}`).toEqual({
      code,
      approvals: [],
    });
  };

  beforeAll(async () => {
    [anvil, other] = await Promise.all([startAnvil(31337), startAnvil(31338)]);
    w = await startInProcessWallet({ origin: ORIGIN, chainId: 31337, rpcUrl: anvil.url });
  });
  afterAll(async () => {
    w?.cleanup();
    await Promise.all([anvil?.stop(), other?.stop()]);
  });

  it('test 12: "0x0400", "0x", "ff" and 12 are not quantities (-32602)', async () => {
    for (const bad of ["0x0400", "0x", "ff", 12]) {
      await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, value: bad }]);
      await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, gas: bad }]);
      await refused("eth_getBalance", [TEST_ADDRESS_0, bad]);
      await refused("eth_getBlockByNumber", [bad, false]);
    }
    // …while the canonical forms pass.
    expect(await w.call(ORIGIN, "eth_getBalance", [TEST_ADDRESS_0, "0x0"])).toHaveProperty("result");
  });

  it("test 12: a chainId other than the site's is refused before any approval", async () => {
    await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, value: "0x1", chainId: "0x1" }]);
    await refused("eth_signTypedData_v4", [
      TEST_ADDRESS_0,
      { ...MAIL, domain: { name: "Vaughan", chainId: 1 } },
    ]);
    await refused("eth_signTypedData_v4", [
      TEST_ADDRESS_0,
      JSON.stringify({ ...MAIL, domain: { chainId: "0x1" } }),
    ]);
  });

  it("test 12: a signer the site may not use → 4100", async () => {
    await refused("personal_sign", ["0x68656c6c6f", STRANGER], 4100);
    await refused("eth_signTypedData_v4", [STRANGER, MAIL], 4100);
    await refused("eth_sendTransaction", [{ from: STRANGER, to: TO, value: "0x1" }], 4100);
    // A site that was never connected may use no signer at all.
    expect(await w.call("https://other.example", "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0])).toEqual({
      code: 4100,
      approvals: [],
    });
  });

  it("transactions no chain would take are refused before asking", async () => {
    await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, gas: "0x0" }]);
    await refused("eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: TO, maxFeePerGas: "0x1", maxPriorityFeePerGas: "0x2" },
    ]);
    await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, data: "0x01", input: "0x02" }]);
  });

  it("T13: an unknown key anywhere in any method's params → -32602", async () => {
    await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, value: "0x1", extra: 1 }]);
    await refused("eth_signTypedData_v4", [TEST_ADDRESS_0, { ...MAIL, extra: 1 }]);
    await refused("eth_signTypedData_v4", [
      TEST_ADDRESS_0,
      { ...MAIL, domain: { ...MAIL.domain, extra: 1 } },
    ]);
    await refused("eth_signTypedData_v4", [
      TEST_ADDRESS_0,
      { ...MAIL, types: { Mail: [{ name: "contents", type: "string", extra: 1 }] } },
    ]);
    // A third param is ignored as MetaMask ignores it; a fourth is one too many.
    await refused("personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0, "password-or-anything", {}]);
    await refused("eth_call", [{ to: TO, data: "0x", extra: 1 }, "latest"]);
    await refused("eth_estimateGas", [{ to: TO, extra: 1 }]);
    await refused("eth_getLogs", [{ fromBlock: "0x0", extra: 1 }]);
    await refused("eth_getBalance", [TEST_ADDRESS_0, { blockHash: `0x${"00".repeat(32)}`, extra: 1 }]);
    await refused("wallet_switchEthereumChain", [{ chainId: "0x7a69", extra: 1 }]);
    await refused("wallet_requestPermissions", [{ eth_accounts: {}, extra: {} }]);
    await refused("wallet_requestPermissions", [{ eth_accounts: { extra: 1 } }]);
    await refused("wallet_revokePermissions", [{ eth_accounts: {}, extra: {} }]);
    await refused("wallet_watchAsset", [
      { type: "ERC20", options: { address: TO, symbol: "TKN", decimals: 18, extra: 1 } },
    ]);
    await refused("wallet_watchAsset", [
      { type: "ERC20", options: { address: TO, symbol: "TKN", decimals: 18 }, extra: 1 },
    ]);
    for (const method of [
      "eth_chainId",
      "net_version",
      "eth_accounts",
      "eth_requestAccounts",
      "wallet_getPermissions",
      "eth_blockNumber",
      "eth_gasPrice",
    ] as const) {
      await refused(method, [{}]);
    }
  });

  describe("test 13: wallet_addEthereumChain (EIP-3085)", () => {
    const chain = (overrides: Record<string, unknown> = {}) => ({
      chainId: "0x7a6a",
      chainName: "Anvil Two",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: [other.url],
      ...overrides,
    });

    it('"0x01", "0x0", "1" and ids above 2^53 → -32602', async () => {
      for (const chainId of [
        "0x01",
        "0x0",
        "1",
        "0x20000000000001",
        `0x${"f".repeat(64)}`,
        31338,
        "0x7A6A ",
      ]) {
        await refused("wallet_addEthereumChain", [chain({ chainId })]);
      }
    });

    it("a plain http:// remote RPC → -32602 (loopback http is a devnet and allowed)", async () => {
      await refused("wallet_addEthereumChain", [chain({ rpcUrls: ["http://rpc.example.com"] })]);
      await refused("wallet_addEthereumChain", [chain({ rpcUrls: ["http://127.0.0.1.nip.io:8545"] })]);
      await refused("wallet_addEthereumChain", [chain({ rpcUrls: ["ws://127.0.0.1:8545"] })]);
    });

    it("an unknown key → -32602", async () => {
      await refused("wallet_addEthereumChain", [chain({ extra: 1 })]);
      await refused("wallet_addEthereumChain", [
        chain({ nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18, extra: 1 } }),
      ]);
    });

    it("an endpoint whose eth_chainId differs is refused once approved (never asked before), and nothing is stored", async () => {
      const outcome = await w.call(ORIGIN, "wallet_addEthereumChain", [chain({ chainId: "0x7a6b" })]);
      expect(outcome).toMatchObject({ code: -32602 });
      expect(outcome.approvals.map((a) => a.kind)).toEqual(["add-chain"]);
      expect(w.wallet.chains.get(0x7a6b)).toBeUndefined();
    });

    it("a correct request is asked once, then stored and switched to", async () => {
      const outcome = await w.call(ORIGIN, "wallet_addEthereumChain", [chain()]);
      expect(outcome).toMatchObject({ result: null });
      expect(outcome.approvals.map((a) => a.kind)).toEqual(["add-chain"]);
      expect(w.wallet.chainIdFor(ORIGIN)).toBe(0x7a6a);
      w.wallet.switchChain(ORIGIN, 31337);
    });
  });
});
