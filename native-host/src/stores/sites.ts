import * as z from "zod";
import { JsonStore } from "./JsonStore.js";

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const SiteSchema = z
  .object({
    /** Accounts the user exposed to this origin; empty means not connected. */
    accounts: z.array(AddressSchema).max(100),
    /** The origin's own current chain (each site has its own, like MetaMask's per-dapp networks). */
    chainId: z.number().int().positive().optional(),
    connectedAt: z.number().int().optional(),
  })
  .strict();
export type Site = z.infer<typeof SiteSchema>;

const SitesFileSchema = z
  .object({ version: z.literal(1), sites: z.record(z.string().max(2048), SiteSchema) })
  .strict();

/**
 * Per-origin grants (EIP-2255 `eth_accounts` permission) and per-origin chains, persisted.
 * Keys are serialized origins exactly as the browser reported them (never from a page's body).
 */
export class SiteStore {
  private readonly store: JsonStore<typeof SitesFileSchema>;

  reload(): void {
    this.store.reload();
  }

  constructor(home: string) {
    this.store = new JsonStore(home, "sites.json", SitesFileSchema, () => ({
      version: 1 as const,
      sites: {},
    }));
  }

  get(origin: string): Site | undefined {
    const sites = this.store.get().sites;
    return Object.hasOwn(sites, origin) ? sites[origin] : undefined;
  }

  all(): Array<[string, Site]> {
    return Object.entries(this.store.get().sites);
  }

  permittedAccounts(origin: string): string[] {
    return this.get(origin)?.accounts ?? [];
  }

  grant(origin: string, accounts: string[]): void {
    this.store.update((file) => {
      const site = Object.hasOwn(file.sites, origin) ? file.sites[origin] : undefined;
      file.sites[origin] = { ...site, accounts, connectedAt: Date.now() };
    });
  }

  revoke(origin: string): void {
    this.store.update((file) => {
      const site = Object.hasOwn(file.sites, origin) ? file.sites[origin] : undefined;
      if (site) file.sites[origin] = { chainId: site.chainId, accounts: [] };
    });
  }

  setChain(origin: string, chainId: number): void {
    this.store.update((file) => {
      const site = Object.hasOwn(file.sites, origin) ? file.sites[origin] : undefined;
      file.sites[origin] = { accounts: [], ...site, chainId };
    });
  }
}
