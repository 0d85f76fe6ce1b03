import { NotPairedError } from "./webSocketTransport.js";
import { HostUnverifiedError } from "./ws/clientHandshake.js";

/**
 * The browser's own messages when native messaging fails, with the fix. The browser reports
 * these only as text, so they are matched as text.
 * https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-debugging
 */
const BROWSER_HINTS: ReadonlyArray<readonly [string, string]> = [
  [
    "Specified native messaging host not found",
    "The host is not registered for this browser: run `vaughan-host install --browser auto`.",
  ],
  [
    "Access to the specified native messaging host is forbidden",
    "The host's manifest does not list this extension: run `vaughan-host install --extension-id ID`.",
  ],
  [
    "Failed to start native messaging host",
    "The launcher could not run: run `vaughan-host status` to check node and the launcher path.",
  ],
  ["Native host has exited", "The host stopped: see the host log named by `vaughan-host status`."],
  [
    "Error when communicating with the native messaging host",
    "The host wrote something that is not a message: see the host log.",
  ],
];

function hintFor(cause: unknown): string | undefined {
  if (cause instanceof NotPairedError)
    return "For the WebSocket fallback, run `vaughan-host pair` and enter the code on the options page.";
  if (cause instanceof HostUnverifiedError)
    return "Something on the WebSocket port could not prove it is your Vaughan host; pair again if you reinstalled it.";
  const text = cause instanceof Error ? cause.message : String(cause);
  return BROWSER_HINTS.find(([message]) => text.includes(message))?.[1];
}

/**
 * What to do about the first cause, in transport order, that has a known fix: `causes` are the
 * errors each transport failed with, or the text a lost connection closed with.
 */
export function transportHint(causes: readonly unknown[]): string | undefined {
  for (const cause of causes) {
    const hint = hintFor(cause);
    if (hint) return hint;
  }
  return undefined;
}
