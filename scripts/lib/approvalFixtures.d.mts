/** An EIP-712 type list: `{ name, type }` per field. */
export type TypedFields = Array<{ name: string; type: string }>;

/** Typed data as a dApp sends it in `eth_signTypedData_v4` (before JSON.stringify). */
export interface TypedData {
  types: Record<string, TypedFields>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

/** An amount or time as a decimal string, a number or a bigint (each written as a decimal string). */
export type Quantity = bigint | number | string;

export const MAX_UINT256: bigint;
export const MAX_UINT160: bigint;
export const MAX_UINT48: bigint;
/** 2100-01-01T00:00:00Z in seconds. */
export const FAR_DEADLINE: number;
export const PERMIT2_ADDRESS: `0x${string}`;

export const EIP712_DOMAIN_TYPES: TypedFields;
export const PERMIT2_DOMAIN_TYPES: TypedFields;
export const PERMIT_TYPES: TypedFields;
export const DAI_PERMIT_TYPES: TypedFields;
export const PERMIT_DETAILS_TYPES: TypedFields;
export const TOKEN_PERMISSIONS_TYPES: TypedFields;

export function eip2612Permit(options: {
  chainId: number;
  token: string;
  tokenName: string;
  owner: string;
  spender: string;
  value: Quantity;
  nonce?: Quantity;
  deadline?: Quantity;
}): TypedData;

export function daiPermit(options: {
  chainId: number;
  token: string;
  tokenName: string;
  holder: string;
  spender: string;
  nonce?: Quantity;
  expiry: Quantity;
  allowed: boolean;
}): TypedData;

export function permit2Domain(chainId: number): {
  name: "Permit2";
  chainId: number;
  verifyingContract: string;
};

export interface PermitDetails {
  token: string;
  amount: Quantity;
  expiration: Quantity;
  nonce: Quantity;
}

export function permit2Single(options: {
  chainId: number;
  details: PermitDetails;
  spender: string;
  sigDeadline: Quantity;
}): TypedData;

export function permit2Batch(options: {
  chainId: number;
  details: PermitDetails[];
  spender: string;
  sigDeadline: Quantity;
}): TypedData;

export interface TokenPermission {
  token: string;
  amount: Quantity;
}

export function permit2Transfer(options: {
  chainId: number;
  permitted: TokenPermission | TokenPermission[];
  spender: string;
  nonce: Quantity;
  deadline: Quantity;
  witness?: { type: string; types: Record<string, TypedFields>; value: Record<string, unknown> };
}): TypedData;

export function siweMessage(options: {
  domain: string;
  address: string;
  uri?: string;
  chainId: number;
  nonce?: string;
  issuedAt?: Date;
  statement?: string;
  scheme?: string;
  expirationTime?: Date;
  notBefore?: Date;
}): string;

export function utf8Hex(message: string): `0x${string}`;
