import { getAddress } from "viem";
import { ChainDisconnectedError, UnrecognizedChainError } from "../../../protocol/errors.js";
import { type Chain, ChainStore } from "../stores/chains.js";
import { SettingsStore } from "../stores/settings.js";
import { SiteStore } from "../stores/sites.js";
import { Vault } from "../vault/Vault.js";
import { Approvals } from "./Approvals.js";
import { CallBatches } from "./CallBatches.js";

export type ProviderEvent = "connect" | "disconnect" | "chainChanged" | "accountsChanged" | "message";
export type EventSink = (origin: string | null, event: ProviderEvent, data: unknown) => void;

/**
 * Everything the daemon owns: the vault (the only place keys are ever decrypted), chains,
 * per-origin grants and chains, settings, and pending approvals. Loading it costs no KDF:
 * unlocking is lazy, never on the start path.
 */
export class Wallet {
  readonly chains: ChainStore;
  readonly sites: SiteStore;
  readonly settings: SettingsStore;
  readonly approvals: Approvals;
  /** EIP-5792 batches sent for sites, kept across restarts. */
  readonly calls: CallBatches;
  private vaultCache: Vault | null | undefined;
  private readonly sinks = new Set<EventSink>();

  constructor(readonly home: string) {
    this.chains = new ChainStore(home);
    this.sites = new SiteStore(home);
    this.settings = new SettingsStore(home);
    this.approvals = new Approvals(() => this.locked);
    this.calls = new CallBatches(home);
  }

  /** The vault, or null before `init` created one. Reads only the public part. */
  vault(): Vault | null {
    if (this.vaultCache === undefined || this.vaultCache === null) {
      this.vaultCache = Vault.exists(this.home) ? Vault.load(this.home) : null;
      if (this.vaultCache) {
        this.vaultCache.setAutoLock(this.settings.get().autoLockMinutes * 60_000);
        this.vaultCache.onLock(() => this.announceAccounts());
      }
    }
    return this.vaultCache;
  }

  /** Drops cached stores so the next read sees what the CLI wrote. */
  reload(): void {
    this.chains.reload();
    this.sites.reload();
    this.settings.reload();
  }

  get locked(): boolean {
    return !this.vault()?.isUnlocked;
  }

  async unlock(password: string): Promise<void> {
    const vault = this.vault();
    if (!vault) throw new Error("No wallet yet: create one with `vaughan-host init`");
    const wasLocked = this.locked;
    await vault.unlock(password);
    if (wasLocked) this.announceAccounts();
  }

  lock(): void {
    this.vault()?.lock();
  }

  /** The account new connections are offered first. */
  selectedAddress(): string | undefined {
    const accounts = this.vault()?.accounts() ?? [];
    const selected = this.settings.get().selectedAddress;
    const found = selected && accounts.find((a) => a.address.toLowerCase() === selected.toLowerCase());
    return found ? found.address : accounts[0]?.address;
  }

  selectAccount(address: string): void {
    const known = this.vault()
      ?.accounts()
      .find((a) => a.address.toLowerCase() === address.toLowerCase());
    if (!known) throw new Error(`unknown account ${address}`);
    const before = new Map([...this.sites.all()].map(([origin]) => [origin, this.accountsFor(origin)]));
    this.settings.update((s) => {
      s.selectedAddress = getAddress(known.address);
    });
    // Only the sites whose `eth_accounts` changed (the new account is permitted there) hear of it.
    for (const [origin, accounts] of before) {
      const now = this.accountsFor(origin);
      if (now.join() !== accounts.join()) this.emit(origin, "accountsChanged", now);
    }
  }

  /**
   * What `eth_accounts` returns to `origin`: its permitted accounts, the selected one first
   * (EIP-1193 leaves order to the wallet; dApps take the first), or [] while locked.
   */
  accountsFor(origin: string): string[] {
    if (this.locked) return [];
    const permitted = this.sites.permittedAccounts(origin).map((a) => a.toLowerCase());
    const selected = this.selectedAddress()?.toLowerCase();
    if (selected && permitted.includes(selected)) {
      return [selected, ...permitted.filter((a) => a !== selected)];
    }
    return permitted;
  }

  chainIdFor(origin: string): number {
    const chainId = this.sites.get(origin)?.chainId;
    return chainId !== undefined && this.chains.get(chainId) ? chainId : this.chains.defaultChainId;
  }

  chainFor(origin: string): Chain {
    const chain = this.chains.get(this.chainIdFor(origin));
    if (!chain) throw new ChainDisconnectedError("The site's chain is not configured");
    return chain;
  }

  switchChain(origin: string, chainId: number): void {
    if (!this.chains.get(chainId))
      throw new UnrecognizedChainError(`Unrecognized chain ID 0x${chainId.toString(16)}`);
    const before = this.chainIdFor(origin);
    this.sites.setChain(origin, chainId);
    if (before !== chainId) this.emit(origin, "chainChanged", `0x${chainId.toString(16)}`);
  }

  /**
   * Disconnects the origin. It hears `accountsChanged([])` only when it saw accounts before: an
   * event for nothing that changed sends some dApps (the MetaMask SDK) into a revoke loop.
   */
  revoke(origin: string): void {
    const before = this.accountsFor(origin);
    this.sites.revoke(origin);
    if (before.length > 0) this.emit(origin, "accountsChanged", []);
  }

  onEvent(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit(origin: string | null, event: ProviderEvent, data: unknown): void {
    for (const sink of this.sinks) sink(origin, event, data);
  }

  /** After unlock or lock (each a change for every connected origin): each learns its accounts. */
  announceAccounts(): void {
    for (const [origin, site] of this.sites.all()) {
      if (site.accounts.length > 0) this.emit(origin, "accountsChanged", this.accountsFor(origin));
    }
  }
}
