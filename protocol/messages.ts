import * as z from "zod";
import "./zodConfig.js";
import { ApprovalAnswerExtrasSchema, ApprovalUpdateSchema } from "./approvalDetails.js";
import { MAX_BATCH, PROTOCOL_VERSION } from "./constants.js";

/**
 * Every message between relay, background and host, as strict, bounded zod schemas. Each
 * layer parses at its edge with these and passes typed values inward.
 * The page script never imports this file: zod stays out of the MAIN world.
 */

export const MethodStringSchema = z.string().min(1).max(128);
export const OriginSchema = z.string().min(1).max(2048);
const JsonRpcIdSchema = z.union([z.string().max(256), z.number(), z.null()]);

export const RpcErrorSchema = z
  .object({ code: z.number().int(), message: z.string().max(4096), data: z.unknown().optional() })
  .strict();

/** relay → background, one per page request. */
export const RelayRequestSchema = z
  .object({
    type: z.literal("request"),
    id: z.number().int().nonnegative(),
    method: MethodStringSchema,
    params: z.unknown().optional(),
  })
  .strict();
export type RelayRequest = z.infer<typeof RelayRequestSchema>;

/** background → relay: a response or an event for this page. */
export const RelayResponseSchema = z.union([
  z.object({ type: z.literal("response"), id: z.number().int(), result: z.unknown() }).strict(),
  z.object({ type: z.literal("response"), id: z.number().int(), error: RpcErrorSchema }).strict(),
  z.object({ type: z.literal("event"), event: z.string().max(64), data: z.unknown() }).strict(),
]);
export type RelayResponse = z.infer<typeof RelayResponseSchema>;

/** A JSON-RPC 2.0 request as the host's wire carries it. https://www.jsonrpc.org/specification */
export const JsonRpcRequestSchema = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: JsonRpcIdSchema.optional(),
    method: MethodStringSchema,
    params: z.union([z.array(z.unknown()).max(64), z.record(z.string(), z.unknown())]).optional(),
  })
  .strict();
export type JsonRpcRequest = z.infer<typeof JsonRpcRequestSchema>;

export const JsonRpcResponseSchema = z.union([
  z.object({ jsonrpc: z.literal("2.0"), id: JsonRpcIdSchema, result: z.unknown() }).strict(),
  z.object({ jsonrpc: z.literal("2.0"), id: JsonRpcIdSchema, error: RpcErrorSchema }).strict(),
]);
export type JsonRpcResponse = z.infer<typeof JsonRpcResponseSchema>;

export const ApprovalKindSchema = z.enum([
  "connect",
  "sign-message",
  "sign-typed-data",
  "send-transaction",
  "send-calls",
  "add-chain",
  "switch-chain",
  "watch-asset",
  "unlock",
]);
export type ApprovalKind = z.infer<typeof ApprovalKindSchema>;

const v = z.literal(PROTOCOL_VERSION);

/**
 * The one hello, the first frame of every connection to the daemon's local socket. It names the
 * caller's role, and the role decides what the connection may send afterwards: `extension` (a
 * relay a browser spawned, speaking for the extension whose origin the browser passed it) sends
 * pages' requests and answers approvals; `cli` (the command line) manages the wallet with `ui`
 * calls and answers nothing. The background sends it again through its relay (with its version
 * and the origin its WebSocket credential is bound to); the role may never change.
 */
export const HelloSchema = z.discriminatedUnion("role", [
  z
    .object({
      v,
      type: z.literal("hello"),
      role: z.literal("extension"),
      browser: z.string().max(64),
      /** The extension's version (from the background). */
      extension: z.string().max(256).optional(),
      /** The extension's own origin: the browser's argument (relay), or the background's claim. */
      origin: z.string().max(256).optional(),
    })
    .strict(),
  z.object({ v, type: z.literal("hello"), role: z.literal("cli") }).strict(),
]);
export type Hello = z.infer<typeof HelloSchema>;
export type Role = Hello["role"];

/**
 * extension → host. `rpc` carries a page's JSON-RPC message (object or batch, left raw so the
 * host can answer malformed ones exactly as JSON-RPC 2.0 says) with the origin the background
 * took from the browser. `ui` carries the extension's own pages' calls (`vaughan_*`).
 */
export const ExtensionToHostSchema = z.discriminatedUnion("type", [
  HelloSchema,
  z
    .object({
      v,
      type: z.literal("rpc"),
      origin: OriginSchema,
      /** The page's JSON-RPC message, parsed, or as raw text (then -32700 applies to bad JSON). */
      payload: z.unknown(),
    })
    .strict(),
  z.object({ v, type: z.literal("ui"), payload: z.unknown() }).strict(),
  z
    .object({
      v,
      type: z.literal("approval-result"),
      approvalId: z.string().max(64),
      approved: z.boolean(),
      ...ApprovalAnswerExtrasSchema.shape,
    })
    .strict(),
  z.object({ v, type: z.literal("health") }).strict(),
]);
export type ExtensionToHost = z.infer<typeof ExtensionToHostSchema>;

/** host → extension. */
export const HostToExtensionSchema = z.discriminatedUnion("type", [
  z
    .object({
      v,
      type: z.literal("hello"),
      host: z.string().max(64),
      credential: z.string().max(128).optional(),
    })
    .strict(),
  z.object({ v, type: z.literal("rpc"), origin: OriginSchema, payload: z.unknown() }).strict(),
  z.object({ v, type: z.literal("ui"), payload: z.unknown() }).strict(),
  z
    .object({
      v,
      type: z.literal("event"),
      /** null: every origin. */
      origin: OriginSchema.nullable(),
      event: z.enum(["connect", "disconnect", "chainChanged", "accountsChanged", "message"]),
      data: z.unknown(),
    })
    .strict(),
  z
    .object({
      v,
      type: z.literal("approval"),
      approvalId: z.string().max(64),
      origin: OriginSchema,
      kind: ApprovalKindSchema,
      chainId: z.number().int(),
      locked: z.boolean(),
      details: z.unknown(),
    })
    .strict(),
  z.object({ v, type: z.literal("approval-cancel"), approvalId: z.string().max(64) }).strict(),
  /** The simulation's result for an approval already shown, and the warnings it brings. */
  z
    .object({
      v,
      type: z.literal("approval-update"),
      approvalId: z.string().max(64),
      update: ApprovalUpdateSchema,
    })
    .strict(),
  /**
   * What `eth_chainId`, `net_version` and `eth_accounts` answer for `origin` now, so the
   * background answers them itself; null: forget it. Sent before the answer that first reveals
   * it and before any event about it, so the background never holds a stale one.
   */
  z
    .object({
      v,
      type: z.literal("site-state"),
      origin: OriginSchema,
      state: z
        .object({
          chainId: z.string().regex(/^0x[0-9a-f]{1,16}$/),
          accounts: z.array(z.string().regex(/^0x[0-9a-f]{40}$/)).max(100),
        })
        .strict()
        .nullable(),
    })
    .strict(),
  z.object({ v, type: z.literal("health"), data: z.record(z.string(), z.unknown()) }).strict(),
  /**
   * Over native messaging only: this extension origin's credential for the WebSocket fallback
   * (HMAC(install secret, origin), never the secret itself), so a later fallback just works.
   */
  z.object({ v, type: z.literal("credential"), credential: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  /** An envelope the host could not use at all (bad JSON, unknown type); the connection stays open. */
  z.object({ v, type: z.literal("error"), error: RpcErrorSchema }).strict(),
]);
export type HostToExtension = z.infer<typeof HostToExtensionSchema>;
export type SiteState = NonNullable<Extract<HostToExtension, { type: "site-state" }>["state"]>;

/** What a batch may hold; more is -32600 (docs/security.md T12). */
export const BATCH_LIMIT = MAX_BATCH;
