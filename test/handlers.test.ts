import TEST_DAPP from "@metamask/test-dapp/dist/constants.json" with { type: "json" };
import { encodeFunctionData, getAddress, hexToBigInt, recoverMessageAddress, verifyTypedData } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { AssetStore } from "../native-host/src/stores/assets.js";
import { SiteStore } from "../native-host/src/stores/sites.js";
import { toRpcError } from "../protocol/errors.js";
import { isUiMethod, UI_CALLS } from "../protocol/ui.js";
import { anvilRpc, startAnvil } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

/** Every provider method's handler against a real anvil chain, in-process. */
describe("method handlers against anvil", () => {
  let h: Harness;
  const site = "https://dapp.example";
  const other = "https://other.example";
  const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.session.policy = "approve";
    h.session.accounts = undefined;
  });

  const connect = async (origin = site) => h.call(origin, "eth_requestAccounts");

  it("answers chain identity without the network and accounts only after a grant", async () => {
    expect(await h.call(site, "eth_chainId")).toEqual({ result: "0x7a69" });
    expect(await h.call(site, "net_version")).toEqual({ result: "31337" });
    expect(await h.call(site, "eth_accounts")).toEqual({ result: [] });
    expect(await h.call(site, "wallet_getPermissions")).toEqual({ result: [] });
  });

  it("connects through a `connect` approval, persists the grant, and says accountsChanged", async () => {
    const before = h.session.approvals().length;
    expect(await connect()).toEqual({ result: [TEST_ADDRESS_0] });
    const approval = h.session.approvals().at(-1);
    expect(h.session.approvals().length).toBe(before + 1);
    expect(approval).toMatchObject({ origin: site, kind: "connect", chainId: 31337, locked: false });
    expect(new SiteStore(h.home).permittedAccounts(site)).toEqual([TEST_ADDRESS_0]);
    expect(h.events).toContainEqual({ origin: site, event: "accountsChanged", data: [TEST_ADDRESS_0] });
    // Already connected: no second approval.
    expect(await connect()).toEqual({ result: [TEST_ADDRESS_0] });
    expect(h.session.approvals().length).toBe(before + 1);
    const permissions = (await h.call(site, "wallet_getPermissions")).result as Array<
      Record<string, unknown>
    >;
    expect(permissions).toEqual([
      expect.objectContaining({
        invoker: site,
        parentCapability: "eth_accounts",
        caveats: [{ type: "restrictReturnedAccounts", value: [TEST_ADDRESS_0] }],
      }),
    ]);
    // The grant is per origin.
    expect(await h.call(other, "eth_accounts")).toEqual({ result: [] });
  });

  it("wallet_requestPermissions on a connected site asks again, as MetaMask does; a no keeps the grant", async () => {
    const before = h.session.approvals().length;
    const events = h.events.length;
    const granted = await h.call(site, "wallet_requestPermissions", [{ eth_accounts: {} }]);
    expect(granted.result).toEqual([expect.objectContaining({ parentCapability: "eth_accounts" })]);
    expect(h.session.approvals().length).toBe(before + 1);
    expect(h.session.approvals().at(-1)).toMatchObject({ origin: site, kind: "connect" });
    // The same account again: nothing changed, so no accountsChanged.
    expect(h.events.slice(events)).toEqual([]);
    h.session.policy = "reject";
    const refused = await h.call(site, "wallet_requestPermissions", [{ eth_accounts: {} }]);
    expect(refused.error?.code).toBe(4001);
    expect(await h.call(site, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("rejects with 4001 when the user says no, and grants nothing", async () => {
    h.session.policy = "reject";
    expect((await connect(other)).error?.code).toBe(4001);
    expect(new SiteStore(h.home).permittedAccounts(other)).toEqual([]);
  });

  it("signs personal_sign messages (EIP-191) and refuses signers the site may not use", async () => {
    const signature = (await h.call(site, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]))
      .result as `0x${string}`;
    expect((await recoverMessageAddress({ message: "hello", signature })).toLowerCase()).toBe(TEST_ADDRESS_0);
    expect(h.session.approvals().at(-1)).toMatchObject({
      kind: "sign-message",
      details: { message: { text: "hello" } },
    });
    expect((await h.call(site, "personal_sign", ["0x68656c6c6f", RECIPIENT])).error?.code).toBe(4100);
    expect((await h.call(other, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0])).error?.code).toBe(4100);
    expect((await h.call(site, "personal_sign", [12, TEST_ADDRESS_0])).error?.code).toBe(-32602);
  });

  it("shows non-text messages as hex", async () => {
    await h.call(site, "personal_sign", ["0x00ff10", TEST_ADDRESS_0]);
    expect(h.session.approvals().at(-1)).toMatchObject({ details: { message: { hex: "0x00ff10" } } });
  });

  it("signs EIP-712 typed data on the site's chain and refuses another chain's domain", async () => {
    const typedData = {
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "chainId", type: "uint256" },
        ],
        Mail: [{ name: "contents", type: "string" }],
      },
      primaryType: "Mail",
      domain: { name: "Test", chainId: 31337 },
      message: { contents: "hi" },
    };
    const signature = (
      await h.call(site, "eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(typedData)])
    ).result as `0x${string}`;
    expect(
      await verifyTypedData({
        address: TEST_ADDRESS_0,
        domain: { name: "Test", chainId: 31337 },
        types: { Mail: typedData.types.Mail },
        primaryType: "Mail",
        message: { contents: "hi" },
        signature,
      }),
    ).toBe(true);
    const approvals = h.session.approvals().length;
    const wrongChain = { ...typedData, domain: { name: "Test", chainId: 1 } };
    expect(
      (await h.call(site, "eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(wrongChain)])).error?.code,
    ).toBe(-32602);
    const badType = {
      ...typedData,
      types: { ...typedData.types, Mail: [{ name: "contents", type: "strang" }] },
    };
    expect((await h.call(site, "eth_signTypedData_v4", [TEST_ADDRESS_0, badType])).error?.code).toBe(-32602);
    expect(h.session.approvals().length).toBe(approvals);
  });

  it("fills, signs and broadcasts a transaction that anvil mines", async () => {
    const before = hexToBigInt(
      (await h.call(site, "eth_getBalance", [RECIPIENT, "latest"])).result as `0x${string}`,
    );
    const hash = (
      await h.call(site, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0xde0b6b3a7640000" },
      ])
    ).result as string;
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    await expect
      .poll(
        async () =>
          ((await h.call(site, "eth_getTransactionReceipt", [hash])).result as { status?: string } | null)
            ?.status,
      )
      .toBe("0x1");
    const after = hexToBigInt(
      (await h.call(site, "eth_getBalance", [RECIPIENT, "latest"])).result as `0x${string}`,
    );
    expect(after - before).toBe(10n ** 18n);
    expect(h.session.approvals().at(-1)).toMatchObject({
      kind: "send-transaction",
      details: {
        value: { raw: "1000000000000000000", formatted: "1 ETH" },
        to: { address: getAddress(RECIPIENT) },
      },
    });
  });

  it("gives concurrent sends distinct nonces", async () => {
    const hashes = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.call(site, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" }]),
      ),
    );
    const nonces = await Promise.all(
      hashes.map(
        async ({ result }) =>
          ((await h.call(site, "eth_getTransactionByHash", [result])).result as { nonce: string }).nonce,
      ),
    );
    expect(new Set(nonces).size).toBe(5);
  });

  it("decodes ERC-20 transfer and approve for the approval window", async () => {
    h.session.policy = "reject";
    const transfer = `0xa9059cbb${RECIPIENT.slice(2).padStart(64, "0")}${1000n.toString(16).padStart(64, "0")}`;
    const result = await h.call(site, "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, data: transfer, gas: "0x186a0" },
    ]);
    expect(result.error?.code).toBe(4001);
    expect(h.session.approvals().at(-1)).toMatchObject({
      details: {
        call: {
          signature: "transfer(address,uint256)",
          args: [
            { name: "recipient", address: { address: getAddress(RECIPIENT) } },
            { name: "amount", value: "1000" },
          ],
        },
      },
    });
  });

  it("refuses a transaction for another chain before asking", async () => {
    const approvals = h.session.approvals().length;
    expect(
      (await h.call(site, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, chainId: "0x1" }]))
        .error?.code,
    ).toBe(-32602);
    expect(h.session.approvals().length).toBe(approvals);
  });

  it("vaughan_delegations names each account's EIP-7702 delegate on the chain", async () => {
    const delegations = () => uiHandler("vaughan_delegations")(h.wallet, [31337], h.session);
    const before = (await delegations()) as Array<{ address: string; delegate: string | null }>;
    expect(before[0]).toEqual({ address: getAddress(TEST_ADDRESS_0), delegate: null });
    const delegate = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    await anvilRpc(h.anvil.url, "anvil_setCode", [TEST_ADDRESS_0, `0xef0100${delegate.slice(2)}`]);
    try {
      expect(((await delegations()) as typeof before)[0]?.delegate).toBe(getAddress(delegate));
    } finally {
      await anvilRpc(h.anvil.url, "anvil_setCode", [TEST_ADDRESS_0, "0x"]);
    }
    await expect(
      Promise.resolve().then(() => uiHandler("vaughan_delegations")(h.wallet, [999], h.session)),
    ).rejects.toMatchObject({ code: -32602 });
  });

  it("refuses eth_sign with 4200", async () => {
    expect((await h.call(site, "eth_sign", [TEST_ADDRESS_0, `0x${"00".repeat(32)}`])).error?.code).toBe(4200);
  });

  it("forwards reads to the site's chain and validates their params", async () => {
    expect((await h.call(site, "eth_blockNumber")).result).toMatch(/^0x[0-9a-f]+$/);
    expect((await h.call(site, "web3_clientVersion")).result).toMatch(/anvil/i);
    expect((await h.call(site, "eth_getCode", [RECIPIENT, "latest"])).result).toBe("0x");
    expect((await h.call(site, "eth_getBlockByNumber", ["latest", false])).result).toHaveProperty("hash");
    expect((await h.call(site, "eth_feeHistory", ["0x1", "latest", [50]])).result).toHaveProperty(
      "baseFeePerGas",
    );
    expect((await h.call(site, "eth_getBalance", ["0x1234"])).error?.code).toBe(-32602);
    expect((await h.call(site, "eth_blockNumber", [1])).error?.code).toBe(-32602);
  });

  it("switches per origin, 4902 for unknown chains, and adds chains per EIP-3085 after checking the endpoint", async () => {
    expect((await h.call(site, "wallet_switchEthereumChain", [{ chainId: "0x539" }])).error?.code).toBe(4902);
    const second = await startAnvil(31338);
    try {
      const add = (chainId: string, rpcUrl = second.url, extra: Record<string, unknown> = {}) =>
        h.call(site, "wallet_addEthereumChain", [
          {
            chainId,
            chainName: "Two",
            nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
            rpcUrls: [rpcUrl],
            ...extra,
          },
        ]);
      for (const bad of ["0x01", "0x0", "1", "0x20000000000000"])
        expect((await add(bad)).error?.code).toBe(-32602);
      expect((await add("0x7a6a", "http://rpc.example.com")).error?.code).toBe(-32602);
      expect((await add("0x7a6a", second.url, { extra: true })).error?.code).toBe(-32602);
      expect((await add("0x7a6b")).error?.code).toBe(-32602);
      expect(await add("0x7a6a")).toEqual({ result: null });
      expect(await h.call(site, "eth_chainId")).toEqual({ result: "0x7a6a" });
      expect(await h.call(other, "eth_chainId")).toEqual({ result: "0x7a69" });
      expect(h.events).toContainEqual({ origin: site, event: "chainChanged", data: "0x7a6a" });
      expect(await h.call(site, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }])).toEqual({
        result: null,
      });
      expect(await h.call(site, "eth_chainId")).toEqual({ result: "0x7a69" });
    } finally {
      await second.stop();
    }
  });

  it("answers 4901 when the site's chain cannot be reached", async () => {
    const dead = await startAnvil(31339);
    h.wallet.chains.upsert({
      chainId: 31339,
      name: "Dead",
      symbol: "ETH",
      decimals: 18,
      rpcUrls: [dead.url],
      blockExplorerUrls: [],
    });
    await dead.stop();
    h.wallet.switchChain("https://dead.example", 31339);
    expect((await h.call("https://dead.example", "eth_blockNumber")).error?.code).toBe(4901);
  });

  it("watches an ERC-20 asset after an approval", async () => {
    const result = await h.call(site, "wallet_watchAsset", [
      { type: "ERC20", options: { address: RECIPIENT, symbol: "TKN", decimals: 18 } },
    ]);
    expect(result).toEqual({ result: true });
    expect(h.session.approvals().at(-1)).toMatchObject({ kind: "watch-asset" });
    expect((await h.call(site, "wallet_watchAsset", [{ type: "ERC721", options: {} }])).error?.code).toBe(
      -32602,
    );
  });

  it("watches an ERC-721 or ERC-1155 token id the account owns on chain, as MetaMask does", async () => {
    const send = async (to: string | undefined, data: `0x${string}`) => {
      const hash = (await h.call(site, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to, data }])).result;
      type Receipt = { status: string; contractAddress: string | null } | null;
      // Mined by anvil's automine, which may answer the hash a moment before the receipt.
      let receipt: Receipt = null;
      await expect
        .poll(async () => {
          receipt = (await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [hash])) as Receipt;
          return receipt?.status;
        })
        .toBe("0x1");
      if (!receipt) throw new Error("no receipt");
      return (receipt as { contractAddress: string | null }).contractAddress as string;
    };
    // MetaMask's own test-dapp contracts, as its page deploys them.
    const nfts = await send(undefined, TEST_DAPP.nftsBytecode as `0x${string}`);
    await send(nfts, encodeFunctionData({ abi: TEST_DAPP.nftsAbi, functionName: "mintNFTs", args: [1n] }));
    const multi = await send(undefined, TEST_DAPP.erc1155Bytecode as `0x${string}`);
    await send(
      multi,
      encodeFunctionData({
        abi: TEST_DAPP.erc1155Abi,
        functionName: "mintBatch",
        args: [TEST_ADDRESS_0, [1n, 2n], [1n, 5n], "0x"],
      }),
    );
    const watch = (type: string, address: string, tokenId: unknown) =>
      h.call(site, "wallet_watchAsset", [{ type, options: { address, tokenId } }]);
    const approvals = h.session.approvals().length;
    const notOwned = { code: -32602, message: "Suggested NFT is not owned by the selected account" };
    expect((await watch("ERC721", nfts, "2")).error).toMatchObject(notOwned);
    expect((await watch("ERC1155", multi, "3")).error).toMatchObject(notOwned);
    expect((await watch("ERC721", RECIPIENT, "1")).error).toMatchObject(notOwned);
    expect((await watch("ERC721", nfts, 1)).error?.code).toBe(-32602);
    expect(h.session.approvals().length).toBe(approvals);
    expect(await watch("ERC721", nfts, "1")).toEqual({ result: true });
    expect(h.session.approvals().at(-1)).toMatchObject({
      kind: "watch-asset",
      details: { token: { address: nfts, standard: "erc721" }, tokenId: "1" },
    });
    expect(await watch("ERC1155", multi, "2")).toEqual({ result: true });
    expect(new AssetStore(h.home).listNfts()).toEqual([
      { chainId: 31337, address: nfts, standard: "ERC721", tokenId: "1" },
      { chainId: 31337, address: multi, standard: "ERC1155", tokenId: "2" },
    ]);
  });

  it("returns [] while locked and asks to unlock an already-connected site", async () => {
    h.wallet.lock();
    expect(await h.call(site, "eth_accounts")).toEqual({ result: [] });
    expect(h.events).toContainEqual({ origin: site, event: "accountsChanged", data: [] });
    h.session.policy = "hold";
    const pending = connect();
    await new Promise((r) => setTimeout(r, 50));
    const unlock = h.session.approvals().at(-1);
    expect(unlock).toMatchObject({ kind: "unlock", locked: true });
    await h.wallet.unlock("correct horse battery staple");
    h.wallet.approvals.answer(h.session, unlock?.approvalId as string, true);
    expect(await pending).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("revokes: eth_accounts becomes [] and the origin hears accountsChanged([])", async () => {
    expect(await h.call(site, "wallet_revokePermissions", [{ eth_accounts: {} }])).toEqual({ result: null });
    expect(await h.call(site, "eth_accounts")).toEqual({ result: [] });
    expect(h.events.at(-1)).toEqual({ origin: site, event: "accountsChanged", data: [] });
  });

  it("emits nothing when nothing changed: a second revoke, a re-unlock, the same chain again", async () => {
    const before = h.events.length;
    expect(await h.call(site, "wallet_revokePermissions", [{ eth_accounts: {} }])).toEqual({ result: null });
    await h.wallet.unlock("correct horse battery staple");
    expect(await h.call(site, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }])).toEqual({
      result: null,
    });
    expect(h.events.slice(before)).toEqual([]);
  });
});

describe("extension-page calls (vaughan_*)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  /** A call as the host runs it; each result must also parse with its declared schema. */
  const ui = async (method: string, params: unknown[] = []) => {
    try {
      const result = await uiHandler(method)(h.wallet, params, h.session);
      if (isUiMethod(method)) UI_CALLS[method].result.parse(result);
      return { result };
    } catch (error) {
      return { error: toRpcError(error) };
    }
  };

  it("adds, names and selects HD accounts (m/44'/60'/0'/0/i), announcing the switch", async () => {
    const added = (await ui("vaughan_addAccount", ["Savings"])).result as { address: string; name: string };
    expect(added).toEqual({ address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", name: "Savings" });
    expect((await ui("vaughan_renameAccount", [added.address, "Spending"])).result).toMatchObject({
      name: "Spending",
    });
    expect(
      h.wallet
        .vault()
        ?.accounts()
        .map((a) => a.name),
    ).toEqual(["Account 1", "Spending"]);
    h.wallet.sites.grant("https://dapp.example", [TEST_ADDRESS_0, added.address.toLowerCase()]);
    expect(await ui("vaughan_selectAccount", [added.address])).toEqual({ result: true });
    expect(h.wallet.accountsFor("https://dapp.example")[0]).toBe(added.address.toLowerCase());
    expect(h.events.at(-1)).toMatchObject({ origin: "https://dapp.example", event: "accountsChanged" });
    // A site the selected account is not permitted to sees no change, so hears nothing.
    h.wallet.sites.grant("https://other.example", [TEST_ADDRESS_0]);
    const before = h.events.length;
    expect(await ui("vaughan_selectAccount", [TEST_ADDRESS_0])).toEqual({ result: true });
    expect(h.events.slice(before).map((e) => e.origin)).toEqual(["https://dapp.example"]);
  });

  it("reports status, sets auto-lock, locks and refuses a wrong password", async () => {
    expect((await ui("vaughan_status")).result).toMatchObject({
      hasVault: true,
      locked: false,
      autoLockMinutes: 15,
    });
    expect(await ui("vaughan_setAutoLock", [5])).toEqual({ result: true });
    expect(h.wallet.settings.get().autoLockMinutes).toBe(5);
    expect(await ui("vaughan_lock")).toEqual({ result: true });
    expect(h.wallet.locked).toBe(true);
    expect((await ui("vaughan_unlock", ["wrong password!"])).error).toEqual({
      code: 4100,
      message: "Wrong password",
    });
    expect((await ui("vaughan_addAccount")).error?.code).toBe(4100);
    expect((await ui("vaughan_nope")).error?.code).toBe(-32601);
  });
});
