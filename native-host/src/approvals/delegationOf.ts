import { getAddress, type Hex } from "viem";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { isDelegationCode } from "./tokenInfo.js";

/**
 * The contract an account has delegated its code to by EIP-7702 (its code is `0xef0100` and the
 * delegate's 20 bytes), or null when it has none. Such an account runs the delegate's code for
 * every call to it: the popup shows this so a delegation made elsewhere does not go unseen.
 * Throws when the chain cannot be asked.
 * https://eips.ethereum.org/EIPS/eip-7702#delegation-designation
 */
export async function delegationOf(chain: Chain, address: string): Promise<string | null> {
  const code = (await chainRequest(chain, "eth_getCode", [getAddress(address), "latest"])) as Hex;
  return typeof code === "string" && isDelegationCode(code) ? getAddress(`0x${code.slice(8)}`) : null;
}
