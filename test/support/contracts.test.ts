import { createPublicClient, erc20Abi, erc721Abi, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./anvil.js";
import {
  compileFixtures,
  DEPLOYER,
  type DeployedFixtures,
  deployFixtures,
  fixturesKey,
  mint,
} from "./contracts.js";

describe("fixture contracts", () => {
  let anvil: Anvil;
  let fixtures: DeployedFixtures;

  beforeAll(async () => {
    anvil = await startAnvil(31337);
    fixtures = await deployFixtures(anvil.url);
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("compiles once: a second call answers the same object from memory, the key is stable", async () => {
    expect(await compileFixtures()).toBe(await compileFixtures());
    expect(fixturesKey()).toBe(fixturesKey());
  });

  it("deploys a mintable ERC-20 named Fixture Token (FTK, 18 decimals)", async () => {
    const client = createPublicClient({ transport: http(anvil.url) });
    const read = (functionName: "name" | "symbol" | "decimals") =>
      client.readContract({ address: fixtures.token, abi: erc20Abi, functionName });
    expect([await read("name"), await read("symbol"), await read("decimals")]).toEqual([
      "Fixture Token",
      "FTK",
      18,
    ]);
    await mint(anvil.url, "FixtureToken", fixtures.token, [DEPLOYER, 5n]);
    expect(
      await client.readContract({
        address: fixtures.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [DEPLOYER],
      }),
    ).toBe(5n);
  });

  it("deploys a mintable ERC-721 named Fixture NFT", async () => {
    const client = createPublicClient({ transport: http(anvil.url) });
    await mint(anvil.url, "FixtureNFT", fixtures.nft, [DEPLOYER, 7n]);
    expect(await client.readContract({ address: fixtures.nft, abi: erc721Abi, functionName: "name" })).toBe(
      "Fixture NFT",
    );
    expect(
      await client.readContract({
        address: fixtures.nft,
        abi: erc721Abi,
        functionName: "ownerOf",
        args: [7n],
      }),
    ).toBe(DEPLOYER);
  });

  it("has code at every fixture's address", async () => {
    const client = createPublicClient({ transport: http(anvil.url) });
    for (const address of Object.values(fixtures)) {
      expect((await client.getCode({ address }))?.length ?? 0).toBeGreaterThan(2);
    }
  });
});
