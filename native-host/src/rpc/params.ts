import type * as z from "zod";
import { InvalidParamsError } from "../../../protocol/errors.js";

/** Parses `params` with a method's schema (protocol/rpc/) or throws -32602 naming the first problem. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at params.${issue.path.join(".")}` : "";
    throw new InvalidParamsError(`Invalid params${where}: ${issue?.message ?? "malformed"}`);
  }
  return parsed.data;
}
