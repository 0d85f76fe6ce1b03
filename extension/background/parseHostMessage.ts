import { isRpcEnvelope } from "../../protocol/guards.js";
import { type HostToExtension, HostToExtensionSchema } from "../../protocol/messages.js";

/** A message from the host, checked at the background's edge; undefined when it is not one. */
export function parseHostMessage(raw: unknown): HostToExtension | undefined {
  // Answers take the hand-written check (guards.ts says why); all else the schema.
  if (isRpcEnvelope(raw)) return raw;
  const parsed = HostToExtensionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
