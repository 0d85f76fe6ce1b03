import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import type { SiteState } from "../../../protocol/messages.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";

/** Origins whose state one connection's background holds at most; the oldest is dropped first. */
const MAX_ORIGINS = 1024;

/**
 * The per-origin state each connection's background holds to answer `eth_chainId`,
 * `net_version` and `eth_accounts` without the native hop. An origin is held once the host
 * answered one of those for it; `sync` pushes every held origin whose state changed, and runs
 * before any event leaves the host and after every extension-page call (the CLI's `reload`, a
 * removed chain), so the background learns a change before any page hears of it.
 */
export class SiteStateMirror {
  private readonly held = new Map<Session, Map<string, string>>();

  constructor(private readonly wallet: Wallet) {}

  /** The state `origin` sees now. */
  stateOf(origin: string): SiteState {
    return {
      chainId: `0x${this.wallet.chainIdFor(origin).toString(16)}`,
      accounts: this.wallet.accountsFor(origin),
    };
  }

  /** Sends `origin`'s state to `session` unless it holds it already (an answer follows). */
  hold(session: Session, origin: string): void {
    let origins = this.held.get(session);
    if (!origins) {
      origins = new Map();
      this.held.set(session, origins);
    }
    if (origins.has(origin)) return;
    if (origins.size >= MAX_ORIGINS) {
      const oldest = origins.keys().next().value as string;
      origins.delete(oldest);
      session.send({ v: PROTOCOL_VERSION, type: "site-state", origin: oldest, state: null });
    }
    const state = this.stateOf(origin);
    session.send({ v: PROTOCOL_VERSION, type: "site-state", origin, state });
    origins.set(origin, key(state));
  }

  /** Pushes every held origin's state that changed since it was sent. */
  sync(): void {
    for (const [session, origins] of this.held) {
      try {
        for (const [origin, sent] of origins) {
          const state = this.stateOf(origin);
          const now = key(state);
          if (now === sent) continue;
          session.send({ v: PROTOCOL_VERSION, type: "site-state", origin, state });
          origins.set(origin, now);
        }
      } catch {
        // A connection that cannot be sent to is closing; the others must still hear.
        this.held.delete(session);
      }
    }
  }

  /** The connection closed: its background's cache went with it. */
  forget(session: Session): void {
    this.held.delete(session);
  }
}

function key(state: SiteState): string {
  return `${state.chainId} ${state.accounts.join()}`;
}
