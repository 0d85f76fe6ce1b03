import fc from "fast-check";

/**
 * Independent oracles and arbitraries for the signing property tests: the encodings are
 * restated here from EIP-1474 rather than imported from the host, so a bug in the host's
 * schemas cannot hide itself.
 */
export const HEX_DATA = /^0x([0-9a-fA-F]{2})*$/;
export const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
export const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/;

/** Unformatted data (EIP-1474) of up to `max` bytes. */
export const hexBytes = (max: number) =>
  fc.uint8Array({ maxLength: max }).map((b) => `0x${Buffer.from(b).toString("hex")}`);
/** Any 20-byte address, almost surely not one the site may use. */
export const anyAddress = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => `0x${Buffer.from(b).toString("hex")}`);
/** The same hex in lower or upper case (both are valid on the wire). */
export const casing = (s: string) => fc.boolean().map((up) => (up ? `0x${s.slice(2).toUpperCase()}` : s));
/** Strings that are almost right: the fixed quantity vectors and friends. */
export const nearMiss = fc.constantFrom(
  "0x0400",
  "0x",
  "ff",
  "0xg1",
  "0X1",
  "",
  " 0x1",
  "0x1 ",
  "0x-1",
  "0x00",
  "0x1.5",
);
/** Values that are rarely valid params (anything at all, the near misses, numbers); the oracles decide. */
export const junk = fc.oneof(fc.anything(), nearMiss, fc.integer(), fc.constant(12));
