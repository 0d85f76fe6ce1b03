import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { ProviderRpcError } from "../protocol/errors.js";
import type { TokenToAdd, UiToken } from "../protocol/ui.js";
import { type DeployedFixtures, deployFixtures, mint } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const OTHER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/**
 * The popup's "Add token" in the host, against real contracts on anvil: what it reads from the
 * chain, what it refuses and in which words, and the token listed afterwards with its balance.
 */
describe("adding a token from the popup", () => {
  let h: Harness;
  let fx: DeployedFixtures;
  const short = (a: string) => `${getAddress(a).slice(0, 6)}…${getAddress(a).slice(-4)}`;

  beforeAll(async () => {
    h = await startHarness();
    fx = await deployFixtures(h.anvil.url);
    await mint(h.anvil.url, "FixtureToken", fx.token, [TEST_ADDRESS_0, 1234n * 10n ** 15n]);
    await mint(h.anvil.url, "FixtureNFT", fx.nft, [TEST_ADDRESS_0, 3n]);
    await mint(h.anvil.url, "FixtureNFT", fx.nft, [OTHER, 4n]);
    await mint(h.anvil.url, "FixtureMulti", fx.multi, [TEST_ADDRESS_0, 7n, 5n]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const find = (request: Omit<TokenToAdd, "chainId">) =>
    Promise.resolve(uiHandler("vaughan_findToken")(h.wallet, [{ chainId: 31337, ...request }], h.session));
  const add = (request: Omit<TokenToAdd, "chainId">) =>
    Promise.resolve(uiHandler("vaughan_addToken")(h.wallet, [{ chainId: 31337, ...request }], h.session));
  const tokens = async () =>
    (await uiHandler("vaughan_tokens")(h.wallet, [31337, TEST_ADDRESS_0], h.session)) as UiToken[];
  /** The refusal's message, checked to be a -32602 the popup shows as it is. */
  const refusal = async (request: Omit<TokenToAdd, "chainId">) => {
    const error = await find(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderRpcError);
    expect((error as ProviderRpcError).code).toBe(-32602);
    return (error as Error).message;
  };

  it("reads an ERC-20's symbol, name, decimals and the account's balance from its contract, then watches it", async () => {
    const found = await find({ address: fx.token.toLowerCase() });
    expect(found).toEqual({
      address: getAddress(fx.token),
      standard: "erc20",
      name: "Fixture Token",
      symbol: "FTK",
      decimals: 18,
      balance: (1234n * 10n ** 15n).toString(),
      watched: false,
    });
    expect(await tokens()).toEqual([]);
    expect(await add({ address: fx.token })).toMatchObject({ watched: true });
    expect(await find({ address: fx.token })).toMatchObject({ watched: true });
    expect(await tokens()).toEqual([
      {
        address: fx.token.toLowerCase(),
        symbol: "FTK",
        decimals: 18,
        balance: (1234n * 10n ** 15n).toString(),
      },
    ]);
  });

  it("refuses an address without code, a contract that is no token, and a token id for an ERC-20", async () => {
    expect(await refusal({ address: OTHER })).toBe(
      `There is no contract at ${short(OTHER)} on Anvil. Check the address, and that the token is on Anvil and not on another network.`,
    );
    expect(await refusal({ address: fx.reverter })).toBe(
      `The contract at ${short(fx.reverter)} on Anvil is not a token: it answers neither as an ERC-20 nor as an ERC-721 or ERC-1155.`,
    );
    expect(await refusal({ address: fx.token, tokenId: "1" })).toBe(
      "FTK is an ERC-20 token: leave the token ID empty.",
    );
  });

  it("adds an ERC-721 the account holds, and refuses one without an id or another account's", async () => {
    expect(await refusal({ address: fx.nft })).toBe(
      "FNFT is an ERC-721 collection: enter the ID of the token you hold.",
    );
    expect(await refusal({ address: fx.nft, tokenId: "4" })).toBe(
      "The selected account does not hold FNFT #4 on Anvil.",
    );
    expect(await refusal({ address: fx.nft, tokenId: "99" })).toBe(
      "The selected account does not hold FNFT #99 on Anvil.",
    );
    expect(await add({ address: fx.nft, tokenId: "3" })).toMatchObject({
      standard: "erc721",
      name: "Fixture NFT",
      symbol: "FNFT",
      tokenId: "3",
      balance: "1",
    });
    expect(await add({ address: fx.multi, tokenId: "7" })).toMatchObject({
      standard: "erc1155",
      balance: "5",
    });
    const listed = await tokens();
    expect(listed.filter((t) => t.standard)).toEqual([
      {
        address: fx.nft.toLowerCase(),
        symbol: "FNFT",
        name: "Fixture NFT",
        decimals: 0,
        standard: "erc721",
        tokenId: "3",
        balance: "1",
      },
      {
        address: fx.multi.toLowerCase(),
        symbol: "NFT",
        decimals: 0,
        standard: "erc1155",
        tokenId: "7",
        balance: "5",
      },
    ]);
  });
});
