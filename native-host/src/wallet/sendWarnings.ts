import type { SendRequest, SendWarning } from "../../../protocol/ui.js";
import { AssetStore } from "../stores/assets.js";
import { RecipientStore } from "../stores/recipients.js";
import type { Wallet } from "./Wallet.js";

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/**
 * True when two different addresses share their first four and last four hex digits: what a
 * person checks at a glance, and what an address-poisoning attacker grinds a vanity address to
 * match (address poisoning).
 */
export function looksAlike(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x !== y && x.slice(2, 6) === y.slice(2, 6) && x.slice(-4) === y.slice(-4);
}

/**
 * What the host warns about before a send from the wallet's own Send screen, most severe first.
 * Decided here, never in the page: the page only shows them. Known addresses are the vault's
 * accounts (hidden ones too), the earlier counterparties, and the watched tokens.
 */
export function sendWarnings(wallet: Wallet, request: SendRequest): SendWarning[] {
  const to = request.to.toLowerCase();
  const tokens = new AssetStore(wallet.home).list();
  const recipients = new RecipientStore(wallet.home);
  const own = (wallet.vault()?.accounts() ?? []).map((a) => ({ address: a.address, label: a.name }));
  const known = [
    ...own,
    ...recipients.list().map((address) => ({ address, label: "an address you sent to before" })),
    ...tokens.map((t) => ({ address: t.address, label: `the ${t.symbol} token contract` })),
  ];
  const warnings: SendWarning[] = [];
  const token = tokens.find((t) => t.address.toLowerCase() === to);
  if (token || (request.asset !== "native" && request.asset.toLowerCase() === to)) {
    warnings.push({
      code: "token-contract",
      severity: "danger",
      message: `${short(request.to)} is ${token ? `the ${token.symbol} token contract` : "the token's own contract"}: tokens sent to it are lost for good.`,
    });
  }
  const twin = known.find((k) => looksAlike(k.address, to));
  if (twin) {
    warnings.push({
      code: "lookalike-address",
      severity: "danger",
      message: `${short(request.to)} looks like ${short(twin.address)} (${twin.label}) but is a different address. Check every character.`,
    });
  }
  const isOwn = own.some((a) => a.address.toLowerCase() === to);
  if (!isOwn && !token && !recipients.has(to)) {
    warnings.push({
      code: "new-recipient",
      severity: "info",
      message: "You have not sent to this address from Vaughan before.",
    });
  }
  return warnings;
}
