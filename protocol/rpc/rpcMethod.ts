import type * as z from "zod";

/**
 * One EIP-1193 method's params and answer: its params as the wire carries them (always an array;
 * the schema's output is what the host's handler receives) and its result as the page receives
 * it. Its rate-limit tier and approval kind are in protocol/methods.ts, the table the background
 * loads on every start, which carries no schema.
 */
export interface RpcMethod {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

/** Declares a method, keeping its schemas' own types (so params and results are inferred from them). */
export function rpcMethod<const M extends RpcMethod>(method: M): M {
  return method;
}
