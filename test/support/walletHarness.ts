import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HANDLERS } from "../../native-host/src/rpc/methodHandlers.js";
import { Vault } from "../../native-host/src/vault/Vault.js";
import type { Session } from "../../native-host/src/wallet/Session.js";
import { Wallet } from "../../native-host/src/wallet/Wallet.js";
import type { ApprovalAnswerExtras } from "../../protocol/approvalDetails.js";
import { toRpcError } from "../../protocol/errors.js";
import type { HostToExtension } from "../../protocol/messages.js";
import { isMethodName } from "../../protocol/methods.js";
import { type Anvil, startAnvil } from "./anvil.js";
import { TEST_MNEMONIC, TEST_PASSWORD } from "./host.js";

type Approval = Extract<HostToExtension, { type: "approval" }>;

/**
 * A session that plays the extension's part in-process: it records every message the host
 * sends and answers approvals by `policy` (approve, reject, or hold them for the test).
 */
export class RecordingSession implements Session {
  readonly transport = "native" as const;
  readonly role = "extension" as const;
  readonly extensionOrigin = "chrome-extension://test";
  readonly sent: HostToExtension[] = [];
  policy: "approve" | "reject" | "hold" = "approve";
  accounts: string[] | undefined;
  /** The fee choice an approve carries (the window's fee chooser). */
  fee: ApprovalAnswerExtras["fee"];
  /**
   * Whether an approve says the person ticked the danger warnings' box: yes, as a person who
   * approves what they were warned about does; the host's check is tested with it false.
   */
  acknowledged: boolean | undefined = true;

  constructor(
    readonly id: number,
    private readonly wallet: () => Wallet,
  ) {}

  send(message: HostToExtension): void {
    this.sent.push(message);
    if (message.type !== "approval" || this.policy === "hold") return;
    queueMicrotask(() =>
      this.wallet().approvals.answer(this, message.approvalId, this.policy === "approve", {
        accounts: this.accounts,
        fee: this.fee,
        acknowledged: this.acknowledged,
      }),
    );
  }

  close(): void {}

  approvals(): Approval[] {
    return this.sent.filter((m): m is Approval => m.type === "approval");
  }
}

export interface Harness {
  home: string;
  anvil: Anvil;
  wallet: Wallet;
  session: RecordingSession;
  /** Calls a provider method as `origin`; resolves { result } or { error: { code, message } }. */
  call(
    origin: string,
    method: string,
    params?: unknown[],
  ): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  events: Array<{ origin: string | null; event: string; data: unknown }>;
  close(): Promise<void>;
}

/** The host's wallet in-process on a temp data folder, with anvil's mnemonic, unlocked, on an anvil chain. */
export async function startHarness(): Promise<Harness> {
  const home = mkdtempSync(join(tmpdir(), "vaughan-harness-"));
  const anvil = await startAnvil();
  await Vault.create(home, TEST_PASSWORD, { kind: "mnemonic", mnemonic: TEST_MNEMONIC });
  const wallet = new Wallet(home);
  wallet.chains.upsert({
    chainId: 31337,
    name: "Anvil",
    symbol: "ETH",
    decimals: 18,
    rpcUrls: [anvil.url],
    blockExplorerUrls: [],
  });
  wallet.chains.setDefault(31337);
  await wallet.unlock(TEST_PASSWORD);
  const session = new RecordingSession(1, () => wallet);
  const events: Harness["events"] = [];
  wallet.onEvent((origin, event, data) => events.push({ origin, event, data }));
  return {
    home,
    anvil,
    wallet,
    session,
    events,
    async call(origin, method, params = []) {
      try {
        if (!isMethodName(method)) throw new Error(`no such method ${method}`);
        return { result: await HANDLERS[method]({ origin, session, wallet }, params) };
      } catch (error) {
        return { error: toRpcError(error) };
      }
    },
    async close() {
      wallet.follower.stop();
      wallet.lock();
      await anvil.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
