import type { SiteState } from "../../protocol/messages.js";
import type { HostAnswer } from "./HostLink.js";

/**
 * The background's copy of what `eth_chainId`, `net_version` and `eth_accounts` answer for each
 * origin, pushed by the host (native-host/src/daemon/SiteStateMirror.ts): dApps ask these before
 * nearly every call, and answered here they skip the native hop. Never stale: the host sends
 * an origin's state before the answer that first reveals it and before any event about it, on
 * the same ordered channel, so the background learns a change before any page can hear of it.
 * Empty after the worker starts and cleared whenever the transport changes or is lost: until
 * the host refills it, these calls take the host's path (and get 4900 when there is no host).
 */
export class SiteStateCache {
  private readonly states = new Map<string, SiteState>();

  /** The answer from the copy, or undefined when the host must be asked. */
  answer(origin: string, method: string, params: unknown): HostAnswer | undefined {
    // With params the host decides (-32602): only the plain call is answered here.
    if (params !== undefined && !(Array.isArray(params) && params.length === 0)) return undefined;
    const state = this.states.get(origin);
    if (!state) return undefined;
    switch (method) {
      case "eth_chainId":
        return { result: state.chainId };
      case "net_version":
        return { result: String(Number.parseInt(state.chainId, 16)) };
      case "eth_accounts":
        return { result: [...state.accounts] };
      default:
        return undefined;
    }
  }

  set(origin: string, state: SiteState | null): void {
    if (state) this.states.set(origin, state);
    else this.states.delete(origin);
  }

  clear(): void {
    this.states.clear();
  }
}
