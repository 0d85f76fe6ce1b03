import * as z from "zod";
import { RpcErrorSchema } from "../../protocol/messages.js";

/**
 * Messages between the extension's own pages (popup, options, approval window) and the
 * background, over a `UI_PORT_NAME` port. The background accepts them only from ports whose
 * sender is this extension itself.
 */
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
      accounts: z.array(z.string().max(42)).max(100).optional(),
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

export type TransportStatus = "native" | "websocket" | "disconnected";
