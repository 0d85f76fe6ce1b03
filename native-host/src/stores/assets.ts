import * as z from "zod";
import { JsonStore } from "./JsonStore.js";

export const AssetSchema = z
  .object({
    chainId: z.number().int().positive(),
    address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    symbol: z.string().min(1).max(11),
    decimals: z.number().int().min(0).max(36),
    image: z.string().max(2048).optional(),
  })
  .strict();
export type Asset = z.infer<typeof AssetSchema>;

const AssetsFileSchema = z.object({ version: z.literal(1), assets: z.array(AssetSchema).max(1000) }).strict();

/** ERC-20 tokens the user chose to watch (EIP-747), per chain. */
export class AssetStore {
  private readonly store: JsonStore<typeof AssetsFileSchema>;

  constructor(home: string) {
    this.store = new JsonStore(home, "assets.json", AssetsFileSchema, () => ({
      version: 1 as const,
      assets: [],
    }));
  }

  /** Forgets the cached copy; the next read sees what another writer (the CLI) wrote. */
  reload(): void {
    this.store.reload();
  }

  list(): Asset[] {
    return this.store.get().assets;
  }

  add(asset: Asset): void {
    const key = (a: Asset) => `${a.chainId}:${a.address.toLowerCase()}`;
    this.store.update((file) => {
      file.assets = [...file.assets.filter((a) => key(a) !== key(asset)), asset];
    });
  }
}
