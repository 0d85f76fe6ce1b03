import * as z from "zod";
import { JsonStore } from "./JsonStore.js";

const MAX_RECIPIENTS = 1000;

const RecipientsFileSchema = z
  .object({
    version: z.literal(1),
    /** Lower-case addresses the wallet has sent to, oldest first. */
    addresses: z.array(z.string().regex(/^0x[0-9a-f]{40}$/)).max(MAX_RECIPIENTS),
  })
  .strict();

/**
 * Addresses the wallet's own Send screen has sent to: the earlier counterparties a new
 * recipient is compared with for look-alikes (wallet/sendWarnings.ts). Bounded: past 1,000 the
 * oldest is forgotten.
 */
export class RecipientStore {
  private readonly store: JsonStore<typeof RecipientsFileSchema>;

  constructor(home: string) {
    this.store = new JsonStore(home, "recipients.json", RecipientsFileSchema, () => ({
      version: 1 as const,
      addresses: [],
    }));
  }

  list(): string[] {
    return this.store.get().addresses;
  }

  has(address: string): boolean {
    return this.list().includes(address.toLowerCase());
  }

  record(address: string): void {
    const lower = address.toLowerCase();
    this.store.update((file) => {
      file.addresses = [...file.addresses.filter((a) => a !== lower), lower].slice(-MAX_RECIPIENTS);
    });
  }
}
