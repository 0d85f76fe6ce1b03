import * as z from "zod";
import "./zodConfig.js";
import { DecimalSchema, UiActivityEntrySchema } from "./activity.js";
import {
  ApprovalAnswerExtrasSchema,
  ApprovalUpdateSchema,
  type Warning,
  WarningSchema,
} from "./approvalDetails.js";
import { BatchIdSchema, CallsStatusViewSchema } from "./callBatch.js";
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
const HashSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const AccountNameSchema = z.string().min(1).max(64);
const ChainIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Done = z.literal(true);

export const TransportStatusSchema = z.enum(["native", "websocket", "disconnected"]);
export type TransportStatus = z.infer<typeof TransportStatusSchema>;

/**
 * One vault account as the pages see it: its checksummed address, the name the user gave it, and
 * `hidden: true` when the user hid it (sites are never offered it; lists leave it out by default).
 */
export const UiAccountSchema = z
  .object({ address: AddressSchema, name: AccountNameSchema, hidden: z.literal(true).optional() })
  .strict();
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
  .object({
    origin: OriginSchema,
    accounts: z.array(AddressSchema).max(100),
    chainId: ChainIdSchema,
    /** The chain's name, when the chain is configured. */
    chainName: z.string().min(1).max(128).optional(),
  })
  .strict();
export type ConnectedSite = z.infer<typeof ConnectedSiteSchema>;

export const SiteChainSchema = z
  .object({ chainId: ChainIdSchema, name: z.string().min(1).max(128) })
  .strict();

/** The chain the popup shows: the current tab's site's when it is connected, else the default. */
export const PopupChainSchema = z
  .object({
    chainId: ChainIdSchema,
    name: z.string().min(1).max(128),
    symbol: z.string().min(1).max(16),
    decimals: z.number().int().min(0).max(36),
    /** The origin the chain came from, when it is the connected site's. */
    site: OriginSchema.nullable(),
  })
  .strict();
export type PopupChain = z.infer<typeof PopupChainSchema>;

/** A watched token with its balance read from the chain's own RPC (`balanceOf`). */
export const UiTokenSchema = z
  .object({
    /** Lower-case. */
    address: AddressSchema,
    symbol: z.string().min(1).max(11),
    decimals: z.number().int().min(0).max(36),
    /** Base units, or null when the chain did not answer (then `error` says why). */
    balance: DecimalSchema.nullable(),
    error: z.string().max(300).optional(),
  })
  .strict();
export type UiToken = z.infer<typeof UiTokenSchema>;
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

/** An http(s) URL as a page may propose it; the host applies the real rules (https, or http to loopback). */
const UrlTextSchema = z.string().min(1).max(2048);

/** One chain as the Networks screen lists it. `sites`: connected sites on it now. */
export const UiChainSchema = z
  .object({
    chainId: ChainIdSchema,
    name: z.string().min(1).max(128),
    symbol: z.string().min(1).max(16),
    rpcUrl: UrlTextSchema,
    blockExplorerUrl: UrlTextSchema.nullable(),
    sites: z.array(OriginSchema).max(10_000),
  })
  .strict();
export type UiChain = z.infer<typeof UiChainSchema>;

export const UiChainsSchema = z
  .object({ defaultChainId: ChainIdSchema, chains: z.array(UiChainSchema).max(256) })
  .strict();
export type UiChains = z.infer<typeof UiChainsSchema>;

/** A chain to add, as a person types it; the host checks it as it checks EIP-3085's. */
export const NewChainSchema = z
  .object({
    chainId: ChainIdSchema,
    name: z.string().min(1).max(128),
    symbol: z.string().min(2).max(6),
    rpcUrl: UrlTextSchema,
    blockExplorerUrl: UrlTextSchema.optional(),
  })
  .strict();
export type NewChain = z.infer<typeof NewChainSchema>;

/** A change to a chain: a new RPC URL (checked again), a new explorer URL, or null to clear it. */
export const ChainEditSchema = z
  .object({
    chainId: ChainIdSchema,
    name: z.string().min(1).max(128).optional(),
    rpcUrl: UrlTextSchema.optional(),
    blockExplorerUrl: UrlTextSchema.nullable().optional(),
  })
  .strict();
export type ChainEdit = z.infer<typeof ChainEditSchema>;

/** The host's settings the pages show and change. */
export const UiSettingsSchema = z
  .object({
    autoLockMinutes: z.number().int().positive(),
    /** Days the log keeps which sites used the wallet. */
    logRetentionDays: z.number().int().positive(),
  })
  .strict();
export type UiSettings = z.infer<typeof UiSettingsSchema>;

export const LOG_RETENTION_DAYS_MAX = 365;

/** A watched ERC-20 token as the Send screen offers it. */
export const SendableTokenSchema = z
  .object({
    address: AddressSchema,
    symbol: z.string().min(1).max(11),
    decimals: z.number().int().min(0).max(36),
  })
  .strict();
export type SendableToken = z.infer<typeof SendableTokenSchema>;

/**
 * What the Send screen asks: `amount` in the asset's own units as a person types it ("0.5");
 * the host converts it with the asset's decimals. `asset` is `native` or a watched token.
 */
export const SendRequestSchema = z
  .object({
    from: AddressSchema,
    to: AddressSchema,
    chainId: ChainIdSchema,
    asset: z.union([z.literal("native"), AddressSchema]),
    amount: z.string().regex(/^\d{1,40}(\.\d{1,36})?$/, "amount must be a decimal number"),
  })
  .strict();
export type SendRequest = z.infer<typeof SendRequestSchema>;

/**
 * A warning the host found about a send, before the approval window opens. Codes:
 * `lookalike-address` (danger: same first and last four hex digits as an address the wallet
 * knows, but a different address), `token-contract` (danger: the recipient is a token contract,
 * where tokens are lost), `new-recipient` (info: never sent to before).
 */
/** The host's warnings about a send, as the approval window shows them. */
export const SendWarningSchema = WarningSchema;
export type SendWarning = Warning;

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
  /** Hides (true) or shows again (false) an account; a hidden one is never deleted. */
  vaughan_setAccountHidden: call(z.tuple([AddressSchema, z.boolean()]), UiAccountSchema),
  vaughan_chains: call(none, UiChainsSchema),
  /** Adds a chain after its endpoint confirms the chain id (no redirect, a bounded answer). */
  vaughan_addChain: call(z.tuple([NewChainSchema]), UiChainSchema),
  vaughan_editChain: call(z.tuple([ChainEditSchema]), UiChainSchema),
  /** Refused for the default chain and for a chain a connected site is on. */
  vaughan_removeChain: call(z.tuple([ChainIdSchema]), Done),
  /** The chain newly connected sites start on; connected sites stay where they are. */
  vaughan_setDefaultChain: call(z.tuple([ChainIdSchema]), Done),
  vaughan_settings: call(none, UiSettingsSchema),
  vaughan_setLogRetention: call(z.tuple([z.number().int().min(1).max(LOG_RETENTION_DAYS_MAX)]), Done),
  /** The watched tokens of a chain, for the Send screen. */
  vaughan_watchedTokens: call(z.tuple([ChainIdSchema]), z.array(SendableTokenSchema).max(1000)),
  /** The host's warnings about a send, for the Send screen to show before the approval window. */
  vaughan_checkSend: call(z.tuple([SendRequestSchema]), z.array(SendWarningSchema).max(8)),
  /**
   * Sends through the same approval window as a site's transaction (kind `send-transaction`,
   * origin WALLET_ORIGIN); resolves with the transaction hash once broadcast.
   */
  vaughan_send: call(
    z.tuple([SendRequestSchema]),
    z.object({ hash: z.string().regex(/^0x[0-9a-f]{64}$/) }).strict(),
  ),
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
  /** Whether transactions are simulated on the site's chain node before approval (on by default). */
  vaughan_getSimulate: call(none, z.boolean()),
  /** Turns simulation on or off; off, the approval says so and the node is asked nothing. */
  vaughan_setSimulate: call(z.tuple([z.boolean()]), Done),
  /** The chain a site is on (the popup shows the current tab's), or null for an unknown chain. */
  vaughan_siteChain: call(z.tuple([OriginSchema]), SiteChainSchema.nullable()),
  /** An EIP-5792 batch's calls and their states for the popup (`popup.html#calls=<id>`), or null when unknown. */
  vaughan_callsStatus: call(z.tuple([BatchIdSchema]), CallsStatusViewSchema.nullable()),
  /** The popup's chain for the current tab's origin (null when the tab is no web page). */
  vaughan_popupChain: call(z.tuple([OriginSchema.nullable()]), PopupChainSchema),
  /** An account's native balance on a chain, from that chain's RPC. */
  vaughan_balance: call(z.tuple([ChainIdSchema, AddressSchema]), z.object({ wei: DecimalSchema }).strict()),
  /** The tokens watched on a chain, each with the account's balance. */
  vaughan_tokens: call(z.tuple([ChainIdSchema, AddressSchema]), z.array(UiTokenSchema).max(1000)),
  /** The account's transactions and signatures on a chain, newest first; pending ones re-checked first. */
  vaughan_activity: call(z.tuple([ChainIdSchema, AddressSchema]), z.array(UiActivityEntrySchema).max(500)),
  /**
   * Replaces a pending transaction (same nonce, fees raised) through the approval window: the
   * same transaction (`speedUp`) or a zero-value send to self (`cancel`). Answers once the
   * approval is asked; the replacement appears in the activity when it is sent, or, refused by
   * the network, as a `failed` entry with an `error` saying why.
   */
  vaughan_speedUp: call(z.tuple([ChainIdSchema, HashSchema]), Done),
  vaughan_cancel: call(z.tuple([ChainIdSchema, HashSchema]), Done),
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

/** Calls that wait for a person (an approval window): the background gives them a prompt's deadline. */
export const UI_PROMPTING_CALLS: ReadonlySet<UiMethod> = new Set<UiMethod>(["vaughan_send"]);
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

/**
 * What the background pushes, unasked, to a page over its UI port (no `id`: not a reply). The
 * approval window that asked for an approval hears of its updates (the simulation's result).
 */
export const UiPushSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("approval-update"),
      approvalId: z.string().max(64),
      update: ApprovalUpdateSchema,
    })
    .strict(),
]);
export type UiPush = z.infer<typeof UiPushSchema>;

/** What the background answers to each request it serves itself. */
export const BACKGROUND_RESULTS = {
  /**
   * The approval as the host asked it, with the latest update the host sent since (null before
   * the first), so a window that opens late still sees the result; null once the approval is
   * answered, cancelled or unknown. Later updates arrive as `UiPush` messages on the same port.
   */
  "approval-get": z
    .object({ approval: ApprovalSchema, update: ApprovalUpdateSchema.nullable() })
    .strict()
    .nullable(),
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
