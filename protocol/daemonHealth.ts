import * as z from "zod";
import "./zodConfig.js";

const Count = z.number().int().nonnegative();

/** Requests refused before they ran, by reason: over a rate budget (-32005), the same kind already pending (-32002), the site braked after rejections (4100). */
export const RefusalsSchema = z.object({ rateLimit: Count, pending: Count, rejectionBrake: Count }).strict();

/** One method since the daemon started: how often, how fast (ms), how often refused. */
export const MethodProfileSchema = z
  .object({
    count: Count,
    p50Ms: z.number().nonnegative(),
    p99Ms: z.number().nonnegative(),
    refused: RefusalsSchema,
  })
  .strict();
export type MethodProfile = z.infer<typeof MethodProfileSchema>;

/**
 * The daemon's health and per-method profile, the answer to `vaughan_health` (what `status`
 * shows). Counts only: no params, no results, no origins.
 */
export const DaemonHealthSchema = z
  .object({
    uptimeMs: Count,
    memory: z.object({ rssBytes: Count, heapUsedBytes: Count }).strict(),
    connections: z.object({ native: Count, websocket: Count, cli: Count }).strict(),
    requests: Count,
    errors: Count,
    pendingApprovals: Count,
    methods: z.record(z.string().max(128), MethodProfileSchema),
  })
  .strict();
export type DaemonHealth = z.infer<typeof DaemonHealthSchema>;
