import { createPublicClient, erc20Abi, erc721Abi, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./anvil.js";
import {
  compileFixtures,
  DEPLOYER,
  type DeployedFixtures,
  deployFixture,
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

  it("deploys the demo's token (DEMO, with permit) with 2,500 DEMO for the holder its constructor names", async () => {
    const holder = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const demo = await deployFixture(anvil.url, "DemoToken", DEPLOYER, [holder]);
    const client = createPublicClient({ transport: http(anvil.url) });
    expect(await client.readContract({ address: demo, abi: erc20Abi, functionName: "symbol" })).toBe("DEMO");
    expect(
      await client.readContract({ address: demo, abi: erc20Abi, functionName: "balanceOf", args: [holder] }),
    ).toBe(2500n * 10n ** 18n);
  });

  it("has code at every fixture's address", async () => {
    const client = createPublicClient({ transport: http(anvil.url) });
    for (const address of Object.values(fixtures)) {
      expect((await client.getCode({ address }))?.length ?? 0).toBeGreaterThan(2);
    }
  });
});
