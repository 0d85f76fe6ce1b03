// What dApps ask a wallet to sign, for the tests and the demo alike: EIP-2612 and DAI permits,
// Permit2's shapes, their EIP-712 type lists, and Sign-In with Ethereum messages. Plain
// JavaScript so the demo's node scripts import it as the tests do; types in approvalFixtures.d.mts.
// Amounts and deadlines are written as decimal strings, as dApps put them in the JSON they send.
import { getAddress } from "viem";
import { createSiweMessage } from "viem/siwe";

export const MAX_UINT256 = (1n << 256n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT48 = (1n << 48n) - 1n;
/** 2100-01-01T00:00:00Z in seconds: a deadline no run outlives. */
export const FAR_DEADLINE = 4102444800;
/** Uniswap's Permit2, at the same address on every chain. */
export const PERMIT2_ADDRESS = "0x000000000022D473030F116dDEE9F6B43aC78BA3";

/** The four-field EIP712Domain of a token's permit. */
export const EIP712_DOMAIN_TYPES = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];
/** Permit2's domain has no version. */
export const PERMIT2_DOMAIN_TYPES = [
  { name: "name", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];
/** EIP-2612's Permit. https://eips.ethereum.org/EIPS/eip-2612 */
export const PERMIT_TYPES = [
  { name: "owner", type: "address" },
  { name: "spender", type: "address" },
  { name: "value", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
];
/** DAI's older Permit: all or nothing (`allowed`), `expiry` 0 for never. */
export const DAI_PERMIT_TYPES = [
  { name: "holder", type: "address" },
  { name: "spender", type: "address" },
  { name: "nonce", type: "uint256" },
  { name: "expiry", type: "uint256" },
  { name: "allowed", type: "bool" },
];
/** Permit2's AllowanceTransfer details (PermitSingle, PermitBatch). */
export const PERMIT_DETAILS_TYPES = [
  { name: "token", type: "address" },
  { name: "amount", type: "uint160" },
  { name: "expiration", type: "uint48" },
  { name: "nonce", type: "uint48" },
];
/** Permit2's SignatureTransfer permissions (PermitTransferFrom and its batch and witness forms). */
export const TOKEN_PERMISSIONS_TYPES = [
  { name: "token", type: "address" },
  { name: "amount", type: "uint256" },
];

const text = (value) => String(value);

/** An EIP-2612 permit of `token` (named `tokenName`, version "1") from `owner` to `spender`. */
export function eip2612Permit({
  chainId,
  token,
  tokenName,
  owner,
  spender,
  value,
  nonce = 0,
  deadline = FAR_DEADLINE,
}) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_TYPES, Permit: PERMIT_TYPES },
    primaryType: "Permit",
    domain: { name: tokenName, version: "1", chainId, verifyingContract: token },
    message: { owner, spender, value: text(value), nonce: text(nonce), deadline: text(deadline) },
  };
}

/** DAI's permit: `allowed` true is every token, `expiry` 0 never ends. */
export function daiPermit({ chainId, token, tokenName, holder, spender, nonce = 0, expiry, allowed }) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_TYPES, Permit: DAI_PERMIT_TYPES },
    primaryType: "Permit",
    domain: { name: tokenName, version: "1", chainId, verifyingContract: token },
    message: { holder, spender, nonce: text(nonce), expiry: text(expiry), allowed },
  };
}

/** Permit2's domain on `chainId`. */
export function permit2Domain(chainId) {
  return { name: "Permit2", chainId, verifyingContract: PERMIT2_ADDRESS };
}

const details = (d) => ({
  token: d.token,
  amount: text(d.amount),
  expiration: text(d.expiration),
  nonce: text(d.nonce),
});

/** Permit2's PermitSingle: `spender` may take up to `amount` of one token until `expiration`. */
export function permit2Single({ chainId, details: one, spender, sigDeadline }) {
  return {
    types: {
      EIP712Domain: PERMIT2_DOMAIN_TYPES,
      PermitDetails: PERMIT_DETAILS_TYPES,
      PermitSingle: [
        { name: "details", type: "PermitDetails" },
        { name: "spender", type: "address" },
        { name: "sigDeadline", type: "uint256" },
      ],
    },
    primaryType: "PermitSingle",
    domain: permit2Domain(chainId),
    message: { details: details(one), spender, sigDeadline: text(sigDeadline) },
  };
}

/** Permit2's PermitBatch: the same for several tokens. */
export function permit2Batch({ chainId, details: many, spender, sigDeadline }) {
  return {
    types: {
      EIP712Domain: PERMIT2_DOMAIN_TYPES,
      PermitDetails: PERMIT_DETAILS_TYPES,
      PermitBatch: [
        { name: "details", type: "PermitDetails[]" },
        { name: "spender", type: "address" },
        { name: "sigDeadline", type: "uint256" },
      ],
    },
    primaryType: "PermitBatch",
    domain: permit2Domain(chainId),
    message: { details: many.map(details), spender, sigDeadline: text(sigDeadline) },
  };
}

/**
 * Permit2's SignatureTransfer shapes: `permitted` one `{ token, amount }` (PermitTransferFrom),
 * several (PermitBatchTransferFrom), or one with a `witness` struct the dApp defines
 * (PermitWitnessTransferFrom: `witness.type` names it, `witness.types` declares it).
 */
export function permit2Transfer({ chainId, permitted, spender, nonce, deadline, witness }) {
  const batch = Array.isArray(permitted);
  const primaryType = witness
    ? "PermitWitnessTransferFrom"
    : batch
      ? "PermitBatchTransferFrom"
      : "PermitTransferFrom";
  const permission = (p) => ({ token: p.token, amount: text(p.amount) });
  return {
    types: {
      EIP712Domain: PERMIT2_DOMAIN_TYPES,
      TokenPermissions: TOKEN_PERMISSIONS_TYPES,
      [primaryType]: [
        { name: "permitted", type: batch ? "TokenPermissions[]" : "TokenPermissions" },
        { name: "spender", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
        ...(witness ? [{ name: "witness", type: witness.type }] : []),
      ],
      ...(witness?.types ?? {}),
    },
    primaryType,
    domain: permit2Domain(chainId),
    message: {
      permitted: batch ? permitted.map(permission) : permission(permitted),
      spender,
      nonce: text(nonce),
      deadline: text(deadline),
      ...(witness ? { witness: witness.value } : {}),
    },
  };
}

/**
 * A Sign-In with Ethereum message (EIP-4361, written by viem): `domain` is the authority the
 * site claims (host and port), `uri` defaults to `https://<domain>/`. The address is checksummed,
 * as the EIP asks. https://eips.ethereum.org/EIPS/eip-4361
 */
export function siweMessage({
  domain,
  address,
  uri = `https://${domain}/`,
  chainId,
  nonce = "n0nce1234",
  issuedAt = new Date(),
  statement,
  scheme,
  expirationTime,
  notBefore,
}) {
  return createSiweMessage({
    domain,
    address: getAddress(address),
    uri,
    version: "1",
    chainId,
    nonce,
    issuedAt,
    ...(statement === undefined ? {} : { statement }),
    ...(scheme === undefined ? {} : { scheme }),
    ...(expirationTime === undefined ? {} : { expirationTime }),
    ...(notBefore === undefined ? {} : { notBefore }),
  });
}

/** Text as the 0x-hex `personal_sign` takes. */
export function utf8Hex(message) {
  return `0x${Buffer.from(message, "utf8").toString("hex")}`;
}
