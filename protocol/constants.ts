/** Shared names and limits. Runtime-neutral: imported by the page script, extension and host. */

/** Tag on every window message between the inpage provider and the relay. */
export const PAGE_CHANNEL = "vaughan:provider";
/** Name of the long-lived `runtime.connect` port from relay to background. */
export const RELAY_PORT_NAME = "vaughan:relay";
/** Name of the port from extension pages (popup, options, approval) to background. */
export const UI_PORT_NAME = "vaughan:ui";
/** Native-messaging host name (docs/native-messaging.md: [a-z0-9._]). */
export const NATIVE_HOST_NAME = "io.vaughan.host";
/** Version of the extension ↔ host message envelope. */
export const PROTOCOL_VERSION = 1;

/** Chrome closes the port when a host sends more than this in one frame. */
export const MAX_OUTBOUND_FRAME_BYTES = 1_048_576;
/** Largest frame the host accepts from a browser or a local peer. */
export const MAX_INBOUND_FRAME_BYTES = 1_048_576;
/** Largest message from the page that the relay forwards. */
export const MAX_PAGE_MESSAGE_BYTES = 1_048_576;
/**
 * Most page requests in one message, page → relay → background: a dApp's requests made in one
 * task travel together (extension/content/inpage.ts says why). 64 is also a tab's in-flight cap.
 */
export const MAX_PAGE_BATCH = 64;
/** Deepest JSON nesting accepted anywhere (a 100,000-deep array must not crash a parser). */
export const MAX_JSON_DEPTH = 64;
/** Most calls in one JSON-RPC batch. */
export const MAX_BATCH = 20;

/** WebSocket fallback: ports tried in order when `--port` is absent. */
export const WS_PORT_FIRST = 8766;
export const WS_PORT_LAST = 8775;

/** EIP-6963 identity. */
export const WALLET_NAME = "Vaughan";
export const WALLET_RDNS = "io.vaughan.wallet";

/**
 * While the options page's MetaMask-compatibility switch is off, a script registered in the
 * page's world at document_start (extension/content/compatOff.ts) sets this window property
 * and dispatches this event, whichever of it and the provider runs first: the provider then
 * says `isMetaMask: false` before any page script can read it.
 */
export const METAMASK_COMPAT_OFF = "vaughan:metamask-compat-off";
