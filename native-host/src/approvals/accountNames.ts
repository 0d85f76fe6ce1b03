import { getAddress } from "viem";
import type { NamedAddress } from "../../../protocol/approvalDetails.js";
import type { Wallet } from "../wallet/Wallet.js";

/** The name the wallet knows an address by, or undefined. */
export type NameOf = (address: string) => string | undefined;

/** The wallet's own accounts by name; the public part of the vault, readable while locked. */
export function accountNames(wallet: Wallet): NameOf {
  const byAddress = new Map((wallet.vault()?.accounts() ?? []).map((a) => [a.address.toLowerCase(), a.name]));
  return (address) => byAddress.get(address.toLowerCase());
}

/** An address (checksummed) with its name when the wallet knows one. */
export function namedAddress(address: string, nameOf: NameOf): NamedAddress {
  const checksummed = getAddress(address.toLowerCase());
  const name = nameOf(checksummed);
  return name === undefined ? { address: checksummed } : { address: checksummed, name };
}

/** `0x7099…79C8`: enough to tell two addresses apart at a glance, short enough for a summary. */
export function shortAddress(address: string): string {
  const checksummed = getAddress(address.toLowerCase());
  return `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}`;
}

/** How a summary names an address: the wallet's name for it, else the short form. */
export function displayName(named: NamedAddress): string {
  return named.name ?? shortAddress(named.address);
}
