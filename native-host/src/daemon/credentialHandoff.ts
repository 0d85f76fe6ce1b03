import type { Session } from "../wallet/Session.js";
import { bindOrigin, type PairingLog } from "../ws/pairing.js";

const MOZ_ORIGIN = /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The WebSocket credential for the extension on a native session, or undefined when it gets
 * none. Native messaging is itself authenticated by the browser (only the ids in the host
 * manifest can start us, and the relay re-checked the id), so it is the channel that pairs:
 * - Chromium: the origin the extension claims must be the one the browser gave the relay.
 * - Firefox: extension origins are random per install and the browser gives only the add-on
 *   id, so the claimed moz-extension origin is bound as paired (docs/security.md T4).
 */
export function credentialForNativeSession(
  home: string,
  session: Session,
  claimedOrigin: string,
  log?: PairingLog,
): string | undefined {
  if (session.transport !== "native") return undefined;
  const caller = session.extensionOrigin;
  const vouched =
    (caller.startsWith("chrome-extension://") && claimedOrigin === caller) ||
    (caller.startsWith("firefox:") && MOZ_ORIGIN.test(claimedOrigin));
  if (!vouched) return undefined;
  return bindOrigin(home, claimedOrigin, log).toString("hex");
}
