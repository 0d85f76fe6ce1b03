import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { el } from "../client.js";

/** What the window knows about the site beyond the approval itself; undefined where it could not ask. */
export interface SiteContext {
  /** The site has accounts connected. */
  connected: boolean | undefined;
  /** The name of the approval's chain, where the wallet knows it. */
  chainName: string | undefined;
}

/**
 * The site's icon: the browser's own favicon cache where it offers one (Chromium's `_favicon`,
 * which reads what the browser already stored and fetches nothing), over the origin's initial.
 * The wallet never requests anything from the site for it.
 */
function siteIcon(origin: string, host: string): HTMLElement {
  const initial = el(
    "span",
    { class: "ap-favicon-initial", "aria-hidden": "true" },
    (host[0] ?? "?").toUpperCase(),
  );
  const icon = el("span", { class: "ap-favicon" }, initial);
  if (location.protocol === "chrome-extension:") {
    const img = el("img", {
      src: `/_favicon/?pageUrl=${encodeURIComponent(`${origin}/`)}&size=32`,
      alt: "",
      width: "32",
      height: "32",
    }) as HTMLImageElement;
    img.addEventListener("error", () => img.remove());
    icon.append(img);
  }
  return icon;
}

/**
 * The origin in full (scheme, host, port) as the element's text, with the host emphasised: the
 * part a person recognises a site by, and the part a lookalike changes.
 */
function originText(origin: string): HTMLElement {
  const p = el("p", { class: "ap-origin", "data-testid": "approval-origin" });
  try {
    const url = new URL(origin);
    const rest = url.port ? `:${url.port}` : "";
    if (`${url.protocol}//${url.hostname}${rest}` === origin) {
      p.append(
        el("span", { class: "ap-origin-part" }, `${url.protocol}//`),
        el("strong", { class: "ap-origin-host" }, url.hostname),
        el("span", { class: "ap-origin-part" }, rest),
      );
      return p;
    }
  } catch {
    // Shown whole below.
  }
  p.textContent = origin;
  return p;
}

export function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}

/** Who is asking, and on which network. */
export function header(
  origin: string,
  chainId: number,
  site: SiteContext,
  connectKind: boolean,
): HTMLElement {
  const badges: HTMLElement[] = [];
  // The wallet's own requests (Send, speed-up, cancel) come from no site: said so, never "not connected".
  if (origin === WALLET_ORIGIN) {
    badges.push(el("span", { class: "chip", "data-testid": "approval-own" }, "From this wallet"));
  } else if (connectKind || site.connected === false) {
    badges.push(
      el("span", { class: "chip ap-badge-new", "data-testid": "approval-not-connected" }, "Not connected"),
    );
  }
  const chainLabel = site.chainName ?? `Chain ${chainId}`;
  return el(
    "header",
    { class: "ap-header" },
    siteIcon(origin, hostOf(origin)),
    el(
      "div",
      { class: "ap-site" },
      originText(origin),
      ...(badges.length > 0 ? [el("div", { class: "ap-badges" }, ...badges)] : []),
    ),
    el(
      "span",
      {
        class: "pill ap-chain",
        title: `Chain ID ${chainId}`,
        "data-testid": "approval-chain",
        "data-chain-id": String(chainId),
      },
      el("span", { class: "dot dot-ok", "aria-hidden": "true" }),
      el("span", { class: "sr-only" }, "Network: "),
      chainLabel,
    ),
  );
}
