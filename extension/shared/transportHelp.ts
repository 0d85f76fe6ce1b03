/**
 * What to do about the reason native messaging (or the fallback) is unavailable, in words.
 * The browser's own messages (NATIVE-MESSAGING.md "Errors") are shown as they are, with the fix.
 */
const HINTS: ReadonlyArray<readonly [string, string]> = [
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
  [
    "not paired",
    "For the WebSocket fallback, run `vaughan-host pair` and enter the code on the options page.",
  ],
  [
    "host unverified",
    "Something on the WebSocket port could not prove it is your Vaughan host; pair again if you reinstalled it.",
  ],
];

export function transportHint(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  return HINTS.find(([message]) => reason.includes(message))?.[1];
}
