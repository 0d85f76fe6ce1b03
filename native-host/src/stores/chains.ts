import * as z from "zod";
import { JsonStore } from "./JsonStore.js";

export const ChainSchema = z
  .object({
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1).max(128),
    symbol: z.string().min(1).max(16),
    decimals: z.number().int().min(0).max(36).default(18),
    rpcUrls: z.array(z.string().url().max(2048)).min(1).max(8),
    blockExplorerUrls: z.array(z.string().url().max(2048)).max(8).default([]),
    /**
     * The origin of the site that proposed this chain (`wallet_addEthereumChain`); absent for the
     * built-in chains and those added with `chains add`. The approval window says a simulation
     * came from a site's node, whose answers are only as honest as the site.
     */
    addedBy: z.string().max(2048).optional(),
  })
  .strict();
export type Chain = z.infer<typeof ChainSchema>;

const ChainsFileSchema = z
  .object({
    version: z.literal(1),
    defaultChainId: z.number().int().positive(),
    chains: z.array(ChainSchema).max(256),
  })
  .strict();

/** Built in, overridable with `chains add`. Public endpoints; tests never reach them. */
export const BUILTIN_CHAINS: readonly Chain[] = [
  {
    chainId: 1,
    name: "Ethereum",
    symbol: "ETH",
    decimals: 18,
    rpcUrls: ["https://ethereum-rpc.publicnode.com"],
    blockExplorerUrls: ["https://etherscan.io"],
  },
  {
    chainId: 11155111,
    name: "Sepolia",
    symbol: "ETH",
    decimals: 18,
    rpcUrls: ["https://ethereum-sepolia-rpc.publicnode.com"],
    blockExplorerUrls: ["https://sepolia.etherscan.io"],
  },
];

/** The chains a site can be on, and the one a newly connected site starts on. */
export class ChainStore {
  private readonly store: JsonStore<typeof ChainsFileSchema>;

  reload(): void {
    this.store.reload();
  }

  constructor(home: string) {
    this.store = new JsonStore(home, "chains.json", ChainsFileSchema, () => ({
      version: 1 as const,
      defaultChainId: 1,
      chains: BUILTIN_CHAINS.map((c) => ({ ...c })),
    }));
  }

  list(): Chain[] {
    return this.store.get().chains;
  }

  get(chainId: number): Chain | undefined {
    return this.list().find((c) => c.chainId === chainId);
  }

  get defaultChainId(): number {
    return this.store.get().defaultChainId;
  }

  /** Adds the chain, or replaces the one with the same id. */
  upsert(chain: Chain): void {
    const parsed = ChainSchema.parse(chain);
    this.store.update((file) => {
      file.chains = [...file.chains.filter((c) => c.chainId !== parsed.chainId), parsed];
    });
  }

  /** Removes a chain; wallet/chainChanges.ts decides when that is allowed. */
  remove(chainId: number): void {
    this.store.update((file) => {
      file.chains = file.chains.filter((c) => c.chainId !== chainId);
    });
  }

  setDefault(chainId: number): void {
    if (!this.get(chainId)) throw new Error(`unknown chain ${chainId}; add it first with "chains add"`);
    this.store.update((file) => {
      file.defaultChainId = chainId;
    });
  }
}
