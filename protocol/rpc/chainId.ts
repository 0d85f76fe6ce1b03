import * as z from "zod";
import "../zodConfig.js";
import { NoParamsSchema } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/** The site's chain as an EIP-695 hex quantity. https://eips.ethereum.org/EIPS/eip-695 */
export const ethChainId = rpcMethod({
  params: NoParamsSchema,
  result: z.string().regex(/^0x[1-9a-f][0-9a-f]{0,13}$/),
});

/** The site's chain id in decimal, as `net_version` has always returned it. */
export const netVersion = rpcMethod({
  params: NoParamsSchema,
  result: z.string().regex(/^[1-9]\d{0,15}$/),
});
