import * as z from "zod";
import { LOG_RETENTION_DAYS_MAX } from "../../../protocol/ui.js";
import { DEFAULT_LOG_RETENTION_DAYS } from "../logRetention.js";
import { CHROMIUM_ID, FIREFOX_ID } from "../trustedIds.js";
import { JsonStore } from "./JsonStore.js";

const SettingsSchema = z
  .object({
    version: z.literal(1),
    selectedAddress: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/)
      .optional(),
    /** Idle minutes before the vault locks itself (15 by default). */
    autoLockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Days the log keeps which sites used the wallet (logRetention.ts); 7 unless changed. */
    logRetentionDays: z.number().int().min(1).max(LOG_RETENTION_DAYS_MAX).default(DEFAULT_LOG_RETENTION_DAYS),
    /** Chromium extension ids `install --extension-id` registered (trustedIds.ts reads them). */
    extensionIds: z.array(z.string().regex(CHROMIUM_ID)).max(32).default([]),
    /** Firefox add-on ids `install --firefox-id` registered. */
    firefoxIds: z.array(z.string().max(128).regex(FIREFOX_ID)).max(32).default([]),
    /** Whether the development build's id and wallet@vaughan.io are trusted besides those. */
    devIds: z.boolean().default(true),
    /** Simulate transactions on the chain's own node before asking (off: nothing is asked of it). */
    simulate: z.boolean().default(true),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export class SettingsStore {
  private readonly store: JsonStore<typeof SettingsSchema>;

  reload(): void {
    this.store.reload();
  }

  constructor(home: string) {
    this.store = new JsonStore(home, "settings.json", SettingsSchema, () =>
      SettingsSchema.parse({ version: 1 }),
    );
  }

  get(): Settings {
    return this.store.get();
  }

  update(change: (draft: Settings) => void): Settings {
    return this.store.update(change);
  }
}
