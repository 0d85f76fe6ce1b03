import * as z from "zod";
import "../zodConfig.js";
import { OriginSchema } from "../messages.js";
import { AddressResultSchema, NoParamsSchema } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/** The accounts a site may see, the selected one first; [] when not connected or locked. */
const AccountsSchema = z.array(AddressResultSchema).max(1000);

/** EIP-2255's one permission request the wallet knows: `[{ eth_accounts: {} }]`. */
const PermissionRequestSchema = z.tuple([z.object({ eth_accounts: z.object({}).strict() }).strict()]);

/** The EIP-2255 permission object for `eth_accounts`. https://eips.ethereum.org/EIPS/eip-2255 */
const PermissionsSchema = z
  .array(
    z
      .object({
        invoker: OriginSchema,
        parentCapability: z.literal("eth_accounts"),
        /** When the site was connected, in milliseconds since 1970 (0 when not recorded). */
        date: z.number().int().nonnegative(),
        caveats: z
          .array(z.object({ type: z.literal("restrictReturnedAccounts"), value: AccountsSchema }).strict())
          .max(1),
      })
      .strict(),
  )
  .max(1);

export const ethAccounts = rpcMethod({ params: NoParamsSchema, result: AccountsSchema });

/** https://eips.ethereum.org/EIPS/eip-1102 */
export const ethRequestAccounts = rpcMethod({
  params: NoParamsSchema,
  result: AccountsSchema,
});

export const walletRequestPermissions = rpcMethod({
  params: PermissionRequestSchema,
  result: PermissionsSchema,
});

export const walletGetPermissions = rpcMethod({
  params: NoParamsSchema,
  result: PermissionsSchema,
});

/** EIP-2255 revoke as MetaMask ships it; any other request is refused with this one sentence. */
export const walletRevokePermissions = rpcMethod({
  params: z.custom<z.output<typeof PermissionRequestSchema>>(
    (params) => PermissionRequestSchema.safeParse(params).success,
    { error: "expected [{ eth_accounts: {} }]" },
  ),
  result: z.null(),
});
