import { getAddress } from "viem";
import {
  ChainDisconnectedError,
  UnauthorizedError,
  UnrecognizedChainError,
} from "../../../protocol/errors.js";
import { ActivityFollower } from "../activity/ActivityFollower.js";
import { ActivityStore } from "../stores/activity.js";
import { AssetStore } from "../stores/assets.js";
import { type Chain, ChainStore } from "../stores/chains.js";
import { SettingsStore } from "../stores/settings.js";
import { SiteStore } from "../stores/sites.js";
import { Vault } from "../vault/Vault.js";
import { Approvals } from "./Approvals.js";
import { CallBatches } from "./CallBatches.js";
import { connectedSitesOn, pinSitesAndSetDefault, removeChainChecked } from "./chainChanges.js";
import { Nonces } from "./nonces.js";

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
  readonly assets: AssetStore;
  /** Transactions and signatures per (chain, account); `follower` settles the pending ones. */
  readonly activity: ActivityStore;
  readonly follower: ActivityFollower;
  /** EIP-5792 batches sent for sites, kept across restarts. */
  readonly calls: CallBatches;
  /** Every signed transaction's nonce, per (chain, account), reconciled with the chain. */
  readonly nonces: Nonces;
  private vaultCache: Vault | null | undefined;
  private readonly sinks = new Set<EventSink>();

  constructor(readonly home: string) {
    this.chains = new ChainStore(home);
    this.sites = new SiteStore(home);
    this.settings = new SettingsStore(home);
    this.approvals = new Approvals(() => this.locked);
    this.assets = new AssetStore(home);
    this.activity = new ActivityStore(home);
    this.follower = new ActivityFollower(this.activity, (chainId) => this.chains.get(chainId));
    this.calls = new CallBatches(home);
    this.nonces = new Nonces((chainId, account) =>
      this.activity
        .list(chainId, account)
        .flatMap((e) =>
          e.kind === "transaction" && e.status === "pending" && e.nonce !== undefined && e.hash
            ? [{ nonce: e.nonce, hash: e.hash }]
            : [],
        ),
    );
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

  /**
   * Drops cached stores so the next read sees what the CLI wrote, and reads the vault again (the
   * CLI may have added, imported, renamed or hidden an account). Sites whose accounts changed
   * hear of it.
   */
  async reload(): Promise<void> {
    const before = this.accountsBySite();
    this.chains.reload();
    this.sites.reload();
    this.settings.reload();
    this.assets.reload();
    if (this.vaultCache === null) this.vaultCache = undefined;
    await this.vaultCache?.refresh();
    this.vaultCache?.setAutoLock(this.settings.get().autoLockMinutes * 60_000);
    this.announceChanges(before);
    for (const listener of this.settingsListeners) listener();
  }

  private readonly settingsListeners = new Set<() => void>();

  /** Calls `listener` after settings change (the daemon re-applies log retention). */
  onSettingsChange(listener: () => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** Days the log keeps origins; applied at once. */
  setLogRetentionDays(days: number): void {
    this.settings.update((s) => {
      s.logRetentionDays = days;
    });
    for (const listener of this.settingsListeners) listener();
  }

  /** The accounts sites may be offered: every vault account the user has not hidden. */
  shownAccounts(): Array<{ address: string; name: string }> {
    return (this.vault()?.accounts() ?? []).filter((a) => !a.hidden);
  }

  /**
   * Hides an account from sites (or shows it again). A site that could see it stops seeing it at
   * once, with `accountsChanged`; its grant is kept, so showing the account again restores it.
   */
  async setAccountHidden(address: string, hidden: boolean) {
    const vault = this.vault();
    if (!vault || this.locked) throw new UnauthorizedError("The wallet is locked");
    const before = this.accountsBySite();
    const changed = await vault.setHidden(address, hidden);
    this.announceChanges(before);
    return changed;
  }

  /** Every site's `eth_accounts` now, to compare after a change. */
  private accountsBySite(): Map<string, string[]> {
    return new Map(this.sites.all().map(([origin]) => [origin, this.accountsFor(origin)]));
  }

  /** `accountsChanged` to each site whose `eth_accounts` differs from `before`. */
  private announceChanges(before: Map<string, string[]>): void {
    for (const [origin, accounts] of before) {
      const now = this.accountsFor(origin);
      if (now.join() !== accounts.join()) this.emit(origin, "accountsChanged", now);
    }
  }

  /** Connected sites on `chainId` now (explicitly or by following the default). */
  sitesOn(chainId: number): string[] {
    return connectedSitesOn(this.chains, this.sites, chainId);
  }

  /**
   * Makes `chainId` the chain newly connected sites start on. Connected sites stay where they
   * are: each one that followed the old default is first pinned to it, so none moves silently.
   */
  setDefaultChain(chainId: number): void {
    pinSitesAndSetDefault(this.chains, this.sites, chainId);
  }

  /**
   * Removes a chain. Refused for the default chain and for one a connected site is on (the
   * error names them): moving a site to another chain is the site's or the person's choice.
   */
  removeChain(chainId: number): void {
    removeChainChecked(this.chains, this.sites, chainId);
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

  /** The account new connections are offered first; never a hidden one. */
  selectedAddress(): string | undefined {
    const accounts = this.shownAccounts();
    const selected = this.settings.get().selectedAddress;
    const found = selected && accounts.find((a) => a.address.toLowerCase() === selected.toLowerCase());
    return found ? found.address : accounts[0]?.address;
  }

  selectAccount(address: string): void {
    const known = this.shownAccounts().find((a) => a.address.toLowerCase() === address.toLowerCase());
    if (!known) throw new Error(`unknown account ${address}`);
    const before = this.accountsBySite();
    this.settings.update((s) => {
      s.selectedAddress = getAddress(known.address);
    });
    // Only the sites whose `eth_accounts` changed (the new account is permitted there) hear of it.
    this.announceChanges(before);
  }

  /**
   * What `eth_accounts` returns to `origin`: its permitted accounts, the selected one first
   * (EIP-1193 leaves order to the wallet; dApps take the first), or [] while locked.
   */
  accountsFor(origin: string): string[] {
    if (this.locked) return [];
    const hidden = new Set(
      (this.vault()?.accounts() ?? []).filter((a) => a.hidden).map((a) => a.address.toLowerCase()),
    );
    const permitted = this.sites
      .permittedAccounts(origin)
      .map((a) => a.toLowerCase())
      .filter((a) => !hidden.has(a));
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
