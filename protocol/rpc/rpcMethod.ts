import type * as z from "zod";
import type { ApprovalKind } from "../messages.js";

/**
 * Rate-limit tiers. `local` methods answer from the wallet's own state (no chain, no prompt), as
 * cheaply as the in-flight cap that bounds them: dApps ask them before nearly every call, so
 * they spend no budget.
 */
export type Tier = "local" | "read" | "accounts" | "sign" | "chain" | "other";

/**
 * One EIP-1193 method as every process sees it: its rate-limit tier, the approval window it may
 * open, its params as the wire carries them (always an array; the schema's output is what the
 * host's handler receives) and its result as the page receives it.
 */
export interface RpcMethod {
  readonly tier: Tier;
  /** The approval window the method may open; absent when it never prompts. */
  readonly kind?: ApprovalKind;
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

/** Declares a method, keeping its schemas' own types (so params and results are inferred from them). */
export function rpcMethod<const M extends RpcMethod>(method: M): M {
  return method;
}
