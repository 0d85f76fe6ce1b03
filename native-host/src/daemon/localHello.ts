import * as z from "zod";

/**
 * The first frame on the daemon's local socket says who is calling: a relay that a browser
 * spawned (with the extension origin the browser gave it), or the CLI.
 */
export const LocalHelloSchema = z.discriminatedUnion("type", [
  z
    .object({
      v: z.literal(1),
      type: z.literal("relay-hello"),
      extensionOrigin: z.string().max(256),
      browser: z.enum(["chromium", "firefox"]),
    })
    .strict(),
  z.object({ v: z.literal(1), type: z.literal("cli-hello") }).strict(),
]);
export type LocalHello = z.infer<typeof LocalHelloSchema>;
