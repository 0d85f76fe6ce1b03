import {
  encodeFunctionData,
  erc20Abi,
  erc721Abi,
  erc1155Abi,
  getAddress,
  type Hex,
  maxUint256,
  parseAbi,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SendTransactionDetailsSchema } from "../../../protocol/approvalDetails.js";
import { type Anvil, anvilRpc, startAnvil } from "../../../test/support/anvil.js";
import { DEPLOYER, type DeployedFixtures, deployFixtures } from "../../../test/support/contracts.js";
import type { Chain } from "../stores/chains.js";
import { transactionDetails } from "./transactionDetails.js";

/** Against a real anvil with the fixture contracts: decoding, standards from the chain, warnings, summary. */
describe("send-transaction details", () => {
  let anvil: Anvil;
  let chain: Chain;
  let f: DeployedFixtures;
  const EOA = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  const names = new Map([[DEPLOYER.toLowerCase(), "Account 1"]]);
  const fees = {
    type: "eip1559" as const,
    gas: "100000",
    nonce: 0,
    options: [],
    selected: "normal" as const,
  };

  beforeAll(async () => {
    anvil = await startAnvil(31337);
    chain = {
      chainId: 31337,
      name: "Anvil",
      symbol: "ETH",
      decimals: 18,
      rpcUrls: [anvil.url],
      blockExplorerUrls: [],
    };
    f = await deployFixtures(anvil.url);
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  const details = async (to: string | null, data: Hex, value = 0n) => {
    const d = await transactionDetails(names, { chain, from: DEPLOYER, to, value, data, fees });
    // Every result is what the window's schema accepts.
    expect(SendTransactionDetailsSchema.parse(d)).toEqual(d);
    return d;
  };
  const short = (a: string) => `${getAddress(a).slice(0, 6)}…${getAddress(a).slice(-4)}`;
  const codes = (d: { warnings: { code: string }[] }) => d.warnings.map((w) => w.code);

  it("ERC-20 unlimited approve to an account: unlimited-approval and eoa-spender (danger first)", async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EOA, maxUint256] });
    const d = await details(f.token, data);
    expect(d.call).toMatchObject({
      signature: "approve(address,uint256)",
      standard: "erc20",
      token: { symbol: "FTK", name: "Fixture Token", decimals: 18 },
      args: [
        { name: "spender" },
        { name: "amount", amount: { unlimited: true, formatted: "unlimited FTK" } },
      ],
    });
    expect(codes(d)).toEqual(["eoa-spender", "unlimited-approval"]);
    // The same words as a permit's (eoaSpenderWarning), for an approval; the address travels in full.
    expect(d.warnings[0]).toEqual({
      code: "eoa-spender",
      severity: "danger",
      message:
        "0x3C44…93BC is an ordinary account, not a contract: whoever holds its key can take the tokens this approval allows, at once. Approve only if you know who holds it.",
      address: { address: EOA },
    });
    expect(d.summary).toBe(`Allow 0x3C44…93BC to spend unlimited FTK`);
  });

  it("ERC-20 approve of an amount to a contract: formatted with decimals, no eoa-spender", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "approve",
      args: [f.nft, 15n * 10n ** 17n],
    });
    const d = await details(f.token, data);
    expect(d.call?.args[1]?.amount).toEqual({ raw: "1500000000000000000", formatted: "1.5 FTK" });
    expect(codes(d)).toEqual([]);
  });

  it("ERC-721 approve: the same selector, read as a token id because the chain says ERC-721", async () => {
    const data = encodeFunctionData({ abi: erc721Abi, functionName: "approve", args: [f.token, 7n] });
    const d = await details(f.nft, data);
    expect(d.call?.standard).toBe("erc721");
    expect(d.call?.args.map((a) => a.name)).toEqual(["spender", "tokenId"]);
    expect(d.call?.args[1]).not.toHaveProperty("amount");
    expect(d.summary).toBe(`Allow ${short(f.token)} to take FNFT #7`);
    expect(codes(d)).toEqual([]);
  });

  it("setApprovalForAll: approval-for-all, and eoa-spender for an account operator", async () => {
    const data = encodeFunctionData({ abi: erc721Abi, functionName: "setApprovalForAll", args: [EOA, true] });
    const d = await details(f.nft, data);
    expect(codes(d)).toEqual(["eoa-spender", "approval-for-all"]);
    expect(d.summary).toBe("Give 0x3C44…93BC control of all your Fixture NFTs");
    const revoke = encodeFunctionData({
      abi: erc721Abi,
      functionName: "setApprovalForAll",
      args: [EOA, false],
    });
    expect(codes(await details(f.nft, revoke))).toEqual([]);
  });

  it("decodes a transfer of each standard", async () => {
    const erc20 = await details(
      f.token,
      encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [EOA, 10n ** 18n] }),
    );
    expect(erc20.summary).toBe("Send 1 FTK to 0x3C44…93BC");
    const erc721 = await details(
      f.nft,
      encodeFunctionData({ abi: erc721Abi, functionName: "transferFrom", args: [DEPLOYER, EOA, 3n] }),
    );
    expect(erc721.call).toMatchObject({
      signature: "transferFrom(address,address,uint256)",
      standard: "erc721",
    });
    expect(erc721.summary).toBe("Send FNFT #3 to 0x3C44…93BC");
    const erc1155 = await details(
      f.multi,
      encodeFunctionData({
        abi: erc1155Abi,
        functionName: "safeTransferFrom",
        args: [DEPLOYER, EOA, 4n, 5n, "0x"],
      }),
    );
    expect(erc1155.call).toMatchObject({
      signature: "safeTransferFrom(address,address,uint256,uint256,bytes)",
      standard: "erc1155",
    });
    const batch = await details(
      f.multi,
      encodeFunctionData({
        abi: erc1155Abi,
        functionName: "safeBatchTransferFrom",
        args: [DEPLOYER, EOA, [1n, 2n], [3n, 4n], "0x"],
      }),
    );
    expect(batch.call?.signature).toBe("safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)");
    expect(batch.call?.args[2]?.value).toBe("[1, 2]");
  });

  it("decodes a multicall's inner calls, nested, and warns about what they do", async () => {
    const multicall = parseAbi(["function multicall(bytes[] data) returns (bytes[])"]);
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EOA, maxUint256] });
    const transfer = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [EOA, 2n * 10n ** 18n],
    });
    const inner = encodeFunctionData({ abi: multicall, functionName: "multicall", args: [[transfer]] });
    const data = encodeFunctionData({
      abi: multicall,
      functionName: "multicall",
      args: [[approve, inner, "0xdeadbeef"]],
    });
    const d = await details(f.token, data);
    expect(d.call?.signature).toBe("multicall(bytes[])");
    expect(d.call?.calls?.map((c) => c.signature)).toEqual([
      "approve(address,uint256)",
      "multicall(bytes[])",
      "0xdeadbeef",
    ]);
    expect(d.call?.calls?.[1]?.calls?.[0]).toMatchObject({
      signature: "transfer(address,uint256)",
      standard: "erc20",
    });
    expect(codes(d)).toEqual(["eoa-spender", "unlimited-approval"]);
  });

  it("a token without name or symbol still decodes, with its decimals", async () => {
    const d = await details(
      f.bare,
      encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [EOA, 2_500_000n] }),
    );
    expect(d.call?.standard).toBe("erc20");
    expect(d.call?.token).toEqual({ address: getAddress(f.bare), standard: "erc20", decimals: 6 });
    expect(d.call?.args[1]?.amount?.formatted).toBe(`2.5 ${short(f.bare)}`);
  });

  it("the standard comes from the chain: approve on an account is not called ERC-20 or ERC-721", async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EOA, 5n] });
    const d = await details(EOA, data);
    expect(d.call?.standard).toBeUndefined();
    expect(d.call?.args[1]?.name).toBe("amountOrTokenId");
  });

  it("token-contract-recipient: tokens sent to the token's own contract, or ETH to a token contract", async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [f.token, 1n] });
    expect(codes(await details(f.token, data))).toContain("token-contract-recipient");
    expect(codes(await details(f.token, "0x", 10n ** 16n))).toEqual(["token-contract-recipient"]);
    expect(codes(await details(EOA, "0x", 10n ** 16n))).toEqual([]);
  });

  it("lookalike-address: same first and last four hex digits as an own account, but another address", async () => {
    const own = DEPLOYER.toLowerCase();
    const twin = getAddress(`${own.slice(0, 6)}${"0".repeat(32)}${own.slice(-4)}`);
    const d = await details(twin, "0x", 1n);
    expect(d.warnings).toEqual([expect.objectContaining({ code: "lookalike-address", severity: "danger" })]);
    expect(d.summary).toBe(`Send 0.000000000000000001 ETH to ${twin.slice(0, 6)}…${twin.slice(-4)}`);
    expect(codes(await details(DEPLOYER, "0x", 1n))).toEqual([]);
  });

  it("an EIP-7702-delegated account counts as an account for eoa-spender", async () => {
    await anvilRpc(anvil.url, "anvil_setCode", [EOA, `0xef0100${f.token.slice(2).toLowerCase()}`]);
    try {
      const data = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EOA, 1n] });
      expect(codes(await details(f.token, data))).toEqual(["eoa-spender"]);
    } finally {
      await anvilRpc(anvil.url, "anvil_setCode", [EOA, "0x"]);
    }
  });
});
