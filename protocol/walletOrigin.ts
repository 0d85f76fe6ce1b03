/**
 * The origin label of a request the wallet makes for itself (the Send screen): it goes through
 * the same approval window as a site's, and the window shows this in place of a site's origin.
 * It can never be a web origin: the `vaughan:` scheme is not http(s), so `isWebOrigin` refuses
 * it and no page's request can ever carry it past the background or the host's edge.
 */
export const WALLET_ORIGIN = "vaughan://wallet";
