import type { Hex } from "viem";
import type { LocalAccount } from "viem/accounts";
import { InvalidParamsError, UnauthorizedError } from "../../../protocol/errors.js";
import { ensureHome } from "../home.js";
import { IdleTimer } from "./IdleTimer.js";
import { encryptKeystore, type Keystore } from "./keystore.js";
import { parsePrivateKey } from "./privateKey.js";
import { openVault, sealVault } from "./vaultCrypto.js";
import {
  readVaultFile,
  type VaultAccount,
  vaultExists,
  vaultPath,
  writeNewVaultFile,
  writeVaultFile,
} from "./vaultFile.js";
import { checkAccountName, checkPassword } from "./vaultInput.js";
import {
  type AccountSecret,
  hdRoot,
  type Signer,
  toSigner,
  toSigners,
  type VaultSecrets,
} from "./vaultSecrets.js";
import { secretsFromSource, type VaultSource } from "./vaultSource.js";

/** docs/security.md T15 / settings: the vault locks itself after 15 idle minutes unless told otherwise. */
export const DEFAULT_AUTO_LOCK_MS = 15 * 60_000;

/** What exists only while unlocked. The password stays so every write can use a fresh salt. */
interface Session {
  password: string;
  secrets: VaultSecrets;
  signers: Map<string, Signer>;
}

const key = (address: string) => address.toLowerCase();

/**
 * The wallet's keys, encrypted at rest in `<home>/vault.json` (docs/security.md T15). Loading reads
 * only the public account list, with no KDF, so the daemon starts fast; `unlock` derives the key
 * and decrypts. Every change re-encrypts with a fresh salt and IV and writes atomically, 0600.
 * Changes and unlocks are serialized, so two concurrent `addAccount` calls never pick one index.
 */
export class Vault {
  private list: VaultAccount[];
  private session: Session | null = null;
  private readonly idle = new IdleTimer(() => this.lock(), DEFAULT_AUTO_LOCK_MS);
  private readonly lockListeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  // Bumped by lock(): an unlock that was in flight then must not leave the vault unlocked.
  private epoch = 0;

  private constructor(
    readonly home: string,
    accounts: VaultAccount[],
  ) {
    this.list = accounts;
  }

  /** True when `<home>/vault.json` exists. */
  static exists(home: string): boolean {
    return vaultExists(home);
  }

  /**
   * Creates the vault and returns it unlocked, with its first account. For `{ kind: "new" }`
   * the fresh 12-word mnemonic is returned this once, for the CLI to show. Refuses to replace
   * an existing vault, even one created while this ran.
   */
  static async create(
    home: string,
    password: string,
    source: VaultSource,
  ): Promise<{ vault: Vault; address: Hex; mnemonic?: string }> {
    checkPassword(password);
    const exists = () => new Error(`a vault already exists at ${vaultPath(home)}; refusing to overwrite it`);
    if (vaultExists(home)) throw exists();
    const { secrets, created } = await secretsFromSource(source);
    const [signer] = await toSigners(secrets);
    if (!signer) throw new Error("unreachable: a new vault has one account");
    const accounts = [{ address: signer.account.address, name: "Account 1" }];
    const file = await sealVault(accounts, secrets, password);
    ensureHome(home);
    try {
      writeNewVaultFile(home, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw exists();
      throw error;
    }
    const vault = new Vault(home, accounts);
    vault.begin({ password, secrets, signers: new Map([[key(signer.account.address), signer]]) });
    return created
      ? { vault, address: signer.account.address, mnemonic: created }
      : { vault, address: signer.account.address };
  }

  /** Reads the public part of `<home>/vault.json`. No KDF: unlocking is lazy. */
  static load(home: string): Vault {
    return new Vault(home, readVaultFile(home).accounts);
  }

  get isUnlocked(): boolean {
    // The wall clock may have passed the auto-lock deadline while the computer slept.
    this.idle.expired();
    return this.session !== null;
  }

  /** The accounts in order, locked or not. */
  accounts(): VaultAccount[] {
    return this.list.map((a) => ({ ...a }));
  }

  /**
   * Decrypts the vault (re-read from disk) and keeps its keys in memory until `lock()` or the
   * idle timeout. Throws WrongPasswordError ("wrong password") for a wrong password or an
   * edited file. Unlocking an unlocked vault checks the password again.
   */
  unlock(password: string): Promise<void> {
    const epoch = this.epoch;
    return this.serialize(async () => {
      const file = readVaultFile(this.home);
      const secrets = await openVault(file, password);
      const signers = await toSigners(secrets);
      // The tag already binds the lists; this catches a writer bug, never an attacker.
      const derived = signers.map((s) => key(s.account.address));
      if (
        derived.length !== file.accounts.length ||
        file.accounts.some((a, i) => key(a.address) !== derived[i])
      ) {
        throw new Error("the vault is corrupt: its accounts do not match its keys");
      }
      if (epoch !== this.epoch) throw new Error("the vault was locked while it was unlocking");
      this.list = file.accounts;
      this.begin({ password, secrets, signers: new Map(signers.map((s) => [key(s.account.address), s])) });
    });
  }

  /** Drops every secret and stops the idle timer; `onLock` listeners run if it was unlocked. */
  lock(): void {
    this.epoch++;
    this.idle.stop();
    const session = this.session;
    if (!session) return;
    this.session = null;
    session.signers.clear();
    session.password = "";
    for (const listener of this.lockListeners) {
      try {
        listener();
      } catch (error) {
        // The lock itself is done; a listener's bug must not crash the daemon from a timer.
        process.emitWarning(`vault onLock listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** Adds the next HD account, m/44'/60'/0'/0/i. Needs an unlocked vault created from a mnemonic. */
  addAccount(name?: string): Promise<VaultAccount> {
    return this.change((session) => {
      const { mnemonic } = session.secrets;
      if (!mnemonic)
        throw new InvalidParamsError("This wallet has no recovery phrase: import a private key instead");
      const used = session.secrets.accounts.map((s) => (s.kind === "hd" ? s.index : -1));
      return this.withAccount(session, { kind: "hd", index: Math.max(-1, ...used) + 1 }, name, mnemonic);
    });
  }

  /** Adds an account for an imported private key. */
  importPrivateKey(privateKey: string, name?: string): Promise<VaultAccount> {
    return this.change((session) =>
      this.withAccount(session, { kind: "key", privateKey: parsePrivateKey(privateKey) }, name),
    );
  }

  /** Renames an account. Needs the vault unlocked: names are authenticated with the keys. */
  async renameAccount(address: string, name: string): Promise<VaultAccount> {
    const checked = checkAccountName(name);
    return this.change(async (session) => {
      const index = this.list.findIndex((a) => key(a.address) === key(address));
      const found = this.list[index];
      if (!found) throw new UnauthorizedError(`Unknown account ${address}`);
      const renamed: VaultAccount = { ...found, name: checked };
      return {
        accounts: this.list.map((a, i) => (i === index ? renamed : a)),
        secrets: session.secrets,
        result: renamed,
      };
    });
  }

  /**
   * Hides an account (sites are never offered it) or shows it again. Nothing is deleted: the key
   * stays in the vault. Refuses to hide the last shown account, which would leave nothing to use.
   * Needs the vault unlocked, like a rename: the list is authenticated with the keys.
   */
  setHidden(address: string, hidden: boolean): Promise<VaultAccount> {
    return this.change(async (session) => {
      const index = this.list.findIndex((a) => key(a.address) === key(address));
      const found = this.list[index];
      if (!found) throw new UnauthorizedError(`Unknown account ${address}`);
      if (hidden && !found.hidden && this.list.every((a, i) => i === index || a.hidden)) {
        throw new InvalidParamsError("The last shown account cannot be hidden: show or add another first");
      }
      const changed: VaultAccount = hidden
        ? { address: found.address, name: found.name, hidden: true }
        : { address: found.address, name: found.name };
      return {
        accounts: this.list.map((a, i) => (i === index ? changed : a)),
        secrets: session.secrets,
        result: changed,
      };
    });
  }

  /**
   * Reads the file again after another process (the CLI) changed it. An unlocked vault decrypts
   * it with the password it holds, so its keys match the new list; if that fails, it locks.
   */
  refresh(): Promise<void> {
    return this.serialize(async () => {
      const file = readVaultFile(this.home);
      const session = this.session;
      if (!session) {
        this.list = file.accounts;
        return;
      }
      try {
        const secrets = await openVault(file, session.password);
        const signers = await toSigners(secrets);
        if (this.session !== session) return;
        session.secrets = secrets;
        session.signers = new Map(signers.map((s) => [key(s.account.address), s]));
        this.list = file.accounts;
      } catch {
        this.list = file.accounts;
        this.lock();
      }
    });
  }

  /** The viem account that signs for `address`. Throws UnauthorizedError when locked or unknown. */
  account(address: string): LocalAccount {
    return this.signer(address).account;
  }

  /** The account's key as a Web3 Secret Storage v3 file under `password` (scrypt, N = 2^18). */
  async exportKeystore(address: string, password: string): Promise<Keystore> {
    checkPassword(password);
    const { privateKey } = this.signer(address);
    this.touch();
    return encryptKeystore(privateKey, password);
  }

  /** Sets the idle delay (ms) and restarts a running countdown with it. */
  setAutoLock(ms: number): void {
    this.idle.ms = ms;
  }

  /** Marks activity: the idle countdown starts over. No effect while locked. */
  touch(): void {
    this.idle.touch();
  }

  /** Calls `listener` after every lock, manual or idle. Returns a function that unsubscribes. */
  onLock(listener: () => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  private begin(session: Session): void {
    this.session = session;
    this.idle.start();
  }

  private requireSession(): Session {
    this.idle.expired();
    if (!this.session) throw new UnauthorizedError("The wallet is locked");
    return this.session;
  }

  private signer(address: string): Signer {
    const signer = this.requireSession().signers.get(key(address));
    if (!signer) throw new UnauthorizedError(`Unknown account ${address}`);
    return signer;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The next state with one more account, refusing duplicates. */
  private async withAccount(
    session: Session,
    secret: AccountSecret,
    name: string | undefined,
    mnemonic?: string,
  ) {
    const root = mnemonic ? await hdRoot(mnemonic) : undefined;
    let signer: Signer;
    try {
      signer = toSigner(secret, root);
    } finally {
      root?.wipePrivateData();
    }
    if (session.signers.has(key(signer.account.address))) {
      throw new InvalidParamsError(`${signer.account.address} is already in the wallet`);
    }
    const added = {
      address: signer.account.address,
      name: checkAccountName(name ?? `Account ${this.list.length + 1}`),
    };
    return {
      accounts: [...this.list, added],
      secrets: { ...session.secrets, accounts: [...session.secrets.accounts, secret] },
      signer,
      result: added,
    };
  }

  /**
   * Applies a change: computes the next state, seals it under a fresh salt and IV, writes it,
   * then adopts it. If the vault locks meanwhile the write still lands (the user asked for it),
   * but the dropped session is not revived.
   */
  private change<T>(
    next: (
      session: Session,
    ) => Promise<{ accounts: VaultAccount[]; secrets: VaultSecrets; signer?: Signer; result: T }>,
  ): Promise<T> {
    return this.serialize(async () => {
      const session = this.requireSession();
      this.touch();
      const state = await next(session);
      const file = await sealVault(state.accounts, state.secrets, session.password);
      writeVaultFile(this.home, file);
      this.list = state.accounts;
      if (this.session === session) {
        session.secrets = state.secrets;
        if (state.signer) session.signers.set(key(state.signer.account.address), state.signer);
      }
      return state.result;
    });
  }
}
