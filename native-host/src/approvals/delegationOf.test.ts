import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, anvilRpc, startAnvil } from "../../../test/support/anvil.js";
import type { Chain } from "../stores/chains.js";
import { delegationOf } from "./delegationOf.js";

describe("delegationOf (real anvil, anvil_setCode)", () => {
  let anvil: Anvil;
  let chain: Chain;
  const ACCOUNT = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
  const DELEGATE = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

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
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("names the delegate of an account whose code is 0xef0100 + address, null otherwise", async () => {
    expect(await delegationOf(chain, ACCOUNT)).toBeNull();
    await anvilRpc(anvil.url, "anvil_setCode", [ACCOUNT, `0xef0100${DELEGATE.slice(2)}`]);
    expect(await delegationOf(chain, ACCOUNT)).toBe(getAddress(DELEGATE));
    // Ordinary contract code is not a delegation.
    await anvilRpc(anvil.url, "anvil_setCode", [ACCOUNT, "0x6000"]);
    expect(await delegationOf(chain, ACCOUNT)).toBeNull();
  });
});
