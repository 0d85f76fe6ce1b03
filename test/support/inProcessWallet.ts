import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HANDLERS } from "../../native-host/src/rpc/methodHandlers.js";
import { Vault } from "../../native-host/src/vault/Vault.js";
import type { Session } from "../../native-host/src/wallet/Session.js";
import { Wallet } from "../../native-host/src/wallet/Wallet.js";
import { ProviderRpcError } from "../../protocol/errors.js";
import type { HostToExtension } from "../../protocol/messages.js";
import type { MethodName } from "../../protocol/methods.js";
import { TEST_ADDRESS_0, TEST_MNEMONIC, TEST_PASSWORD } from "./host.js";

type ApprovalMessage = Extract<HostToExtension, { type: "approval" }>;

/** What one handler call did: its result or its error code, and the approvals it asked for. */
export type Outcome =
  | { result: unknown; approvals: ApprovalMessage[] }
  | { code: number; approvals: ApprovalMessage[] };

export interface InProcessWallet {
  wallet: Wallet;
  session: Session;
  /** Every approval the handlers asked for, in order. */
  asked: ApprovalMessage[];
  /** Whether the fake user approves (default) or rejects what is asked. */
  answer: { approve: boolean };
  call(origin: string, method: MethodName, params: readonly unknown[]): Promise<Outcome>;
  cleanup(): void;
}

/**
 * The host's real `Wallet` and method handlers in this process, on a temporary data folder with
 * a vault from anvil's mnemonic (unlocked), and a fake `Session` that records every approval it
 * is asked for and answers it at once. Unit-level, so thousands of calls take seconds.
 * A throw that is not a ProviderRpcError is re-thrown: the caller sees it as a failure.
 */
export async function startInProcessWallet(grant: {
  origin: string;
  chainId?: number;
  rpcUrl?: string;
}): Promise<InProcessWallet> {
  const home = mkdtempSync(join(tmpdir(), "vaughan-inproc-"));
  await Vault.create(home, TEST_PASSWORD, { kind: "mnemonic", mnemonic: TEST_MNEMONIC });
  const wallet = new Wallet(home);
  await wallet.unlock(TEST_PASSWORD);
  if (grant.chainId !== undefined && grant.rpcUrl !== undefined) {
    wallet.chains.upsert({
      chainId: grant.chainId,
      name: "Anvil",
      symbol: "ETH",
      decimals: 18,
      rpcUrls: [grant.rpcUrl],
      blockExplorerUrls: [],
    });
    wallet.switchChain(grant.origin, grant.chainId);
  }
  wallet.sites.grant(grant.origin, [TEST_ADDRESS_0]);
  const asked: ApprovalMessage[] = [];
  const answer = { approve: true };
  const session: Session = {
    id: 1,
    transport: "native",
    role: "extension",
    extensionOrigin: "chrome-extension://test",
    send(message) {
      if (message.type !== "approval") return;
      asked.push(message);
      const approve = answer.approve;
      queueMicrotask(() => wallet.approvals.answer(session, message.approvalId, approve));
    },
    close() {},
  };
  return {
    wallet,
    session,
    asked,
    answer,
    async call(origin, method, params) {
      const before = asked.length;
      try {
        const result = await HANDLERS[method]({ origin, session, wallet }, params);
        return { result, approvals: asked.slice(before) };
      } catch (error) {
        if (!(error instanceof ProviderRpcError)) throw error;
        return { code: error.code, approvals: asked.slice(before) };
      }
    },
    cleanup() {
      wallet.lock();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
