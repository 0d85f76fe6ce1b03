import * as z from "zod";
import "./zodConfig.js";
import { ApprovalAnswerExtrasSchema } from "./approvalDetails.js";
import { DaemonHealthSchema } from "./daemonHealth.js";
import { type HostToExtension, HostToExtensionSchema, OriginSchema, RpcErrorSchema } from "./messages.js";

/**
 * Every call the extension's own pages (popup, options, approval window) make, with its params
 * and its result as schemas: the host parses the params with these before a handler runs, the
 * pages parse the result with these before they use it, and the CLI's calls to the daemon are
 * typed by the same table. Two groups:
 *
 * - `UI_CALLS`: the `vaughan_*` methods the host answers (sent as `ui` envelopes). A new call is
 *   one line here plus its handler in native-host/src/rpc/uiHandlers.ts, which the compiler
 *   then requires.
 * - `UiRequestSchema`: what a page sends the background over a `UI_PORT_NAME` port; `ui` carries
 *   one of the calls above, the others the background answers itself (`BACKGROUND_RESULTS`).
 */

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const AccountNameSchema = z.string().min(1).max(64);
const ChainIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Done = z.literal(true);

export const TransportStatusSchema = z.enum(["native", "websocket", "disconnected"]);
export type TransportStatus = z.infer<typeof TransportStatusSchema>;

/** One vault account as the pages see it: its checksummed address and the name the user gave it. */
export const UiAccountSchema = z.object({ address: AddressSchema, name: AccountNameSchema }).strict();
export type UiAccount = z.infer<typeof UiAccountSchema>;

export const WalletStatusSchema = z
  .object({
    hasVault: z.boolean(),
    locked: z.boolean(),
    accounts: z.array(UiAccountSchema).max(1000),
    selected: AddressSchema.nullable(),
    /** The transport of the session that asked. */
    transport: z.enum(["native", "websocket"]),
    autoLockMinutes: z.number().int().positive(),
    defaultChainId: ChainIdSchema,
  })
  .strict();
export type WalletStatus = z.infer<typeof WalletStatusSchema>;

export const ConnectedSiteSchema = z
  .object({ origin: OriginSchema, accounts: z.array(AddressSchema).max(100), chainId: ChainIdSchema })
  .strict();
export type ConnectedSite = z.infer<typeof ConnectedSiteSchema>;

export const SiteChainSchema = z
  .object({ chainId: ChainIdSchema, name: z.string().min(1).max(128) })
  .strict();

/** An account and the contract it delegates its code to by EIP-7702 (null: none). */
export const AccountDelegationSchema = z
  .object({ address: AddressSchema, delegate: AddressSchema.nullable() })
  .strict();
export type AccountDelegation = z.infer<typeof AccountDelegationSchema>;

/** Params and result of one `vaughan_*` call. Params are always a JSON array. */
interface UiCall {
  readonly params: z.ZodType<unknown[]>;
  readonly result: z.ZodType;
}

function call<P extends z.ZodType<unknown[]>, R extends z.ZodType>(params: P, result: R) {
  return { params, result } as const satisfies UiCall;
}

const none = z.tuple([]);

/** The host's calls for extension pages and the CLI; never reachable from a web page. */
export const UI_CALLS = {
  vaughan_status: call(none, WalletStatusSchema),
  vaughan_unlock: call(z.tuple([z.string().min(1).max(1024)]), Done),
  vaughan_lock: call(none, Done),
  /** The CLI changed files the daemon holds in memory (`chains add`, `chains default`). */
  vaughan_reload: call(none, Done),
  vaughan_sites: call(none, z.array(ConnectedSiteSchema).max(10_000)),
  vaughan_revoke: call(z.tuple([OriginSchema]), Done),
  vaughan_selectAccount: call(z.tuple([AddressSchema]), Done),
  vaughan_addAccount: call(z.union([z.tuple([]), z.tuple([AccountNameSchema])]), UiAccountSchema),
  vaughan_renameAccount: call(z.tuple([AddressSchema, AccountNameSchema]), UiAccountSchema),
  vaughan_setAutoLock: call(
    z.tuple([
      z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    ]),
    Done,
  ),
  /** The chain a site is on (the popup shows the current tab's), or null for an unknown chain. */
  vaughan_siteChain: call(z.tuple([OriginSchema]), SiteChainSchema.nullable()),
  /**
   * Each account's EIP-7702 delegate on a chain (the popup's: the current tab's site chain, or the
   * default chain when no chain id is given), read from that chain's code.
   */
  vaughan_delegations: call(
    z.union([z.tuple([]), z.tuple([ChainIdSchema])]),
    z.array(AccountDelegationSchema).max(1000),
  ),
  /** The daemon's health and per-method profile (`status`); the daemon answers it itself. */
  vaughan_health: call(none, DaemonHealthSchema),
} as const satisfies Record<`vaughan_${string}`, UiCall>;

export type UiMethod = keyof typeof UI_CALLS;
export type UiParams<M extends UiMethod> = z.infer<(typeof UI_CALLS)[M]["params"]>;
export type UiResult<M extends UiMethod> = z.infer<(typeof UI_CALLS)[M]["result"]>;

/** `Object.hasOwn` keeps `__proto__` and friends out of the table. */
export function isUiMethod(method: string): method is UiMethod {
  return Object.hasOwn(UI_CALLS, method);
}

/** A page's message to the background over the UI port; `id` pairs it with its reply. */
export const UiRequestSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("ui"),
      id: z.number().int(),
      method: z.string().max(64),
      params: z.array(z.unknown()).max(8).default([]),
    })
    .strict(),
  z
    .object({ type: z.literal("approval-get"), id: z.number().int(), approvalId: z.string().max(64) })
    .strict(),
  z
    .object({
      type: z.literal("approval-answer"),
      id: z.number().int(),
      approvalId: z.string().max(64),
      approved: z.boolean(),
      ...ApprovalAnswerExtrasSchema.shape,
    })
    .strict(),
  z.object({ type: z.literal("transport"), id: z.number().int() }).strict(),
  z.object({ type: z.literal("pair"), id: z.number().int(), code: z.string().min(1).max(32) }).strict(),
]);
export type UiRequest = z.infer<typeof UiRequestSchema>;

export const UiReplySchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }).strict(),
  z.object({ id: z.number().int(), error: RpcErrorSchema }).strict(),
]);
export type UiReply = z.infer<typeof UiReplySchema>;

/** An approval the host asked for, as the approval window reads it from the background. */
export type Approval = Extract<HostToExtension, { type: "approval" }>;

const ApprovalSchema = HostToExtensionSchema.pipe(
  z.custom<Approval>((message) => (message as HostToExtension).type === "approval"),
);

/** What the background answers to each request it serves itself. */
export const BACKGROUND_RESULTS = {
  /** null once the approval is answered, cancelled or unknown. */
  "approval-get": ApprovalSchema.nullable(),
  "approval-answer": Done,
  /** When disconnected: why, in the browser's or the socket's words (`reason`), and the fix (`hint`). */
  transport: z
    .object({
      status: TransportStatusSchema,
      reason: z.string().max(4096).optional(),
      hint: z.string().max(1024).optional(),
    })
    .strict(),
  /** The transport in use once paired. */
  pair: TransportStatusSchema,
} as const satisfies Record<Exclude<UiRequest["type"], "ui">, z.ZodType>;

export type BackgroundRequestType = keyof typeof BACKGROUND_RESULTS;
export type BackgroundResult<T extends BackgroundRequestType> = z.infer<(typeof BACKGROUND_RESULTS)[T]>;
