type Fields = ReadonlyArray<{ name: string; type: string }>;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * `value` of EIP-712 type `type` with every address in it lower-cased. EIP-712 encodes an
 * address as its 20 bytes, so case never changes the digest, and MetaMask's eth-sig-util signs
 * an address whose mixed case is not a valid EIP-55 checksum (MetaMask's own test-dapp sends
 * one) while viem refuses it. Anything that is not an address-shaped string is left as it is for
 * the encoder to judge.
 */
export function lowercaseAddresses(types: Record<string, Fields>, type: string, value: unknown): unknown {
  const array = /^(.*)\[\d*\]$/.exec(type);
  if (array) {
    const inner = array[1] as string;
    return Array.isArray(value) ? value.map((v) => lowercaseAddresses(types, inner, v)) : value;
  }
  if (type === "address")
    return typeof value === "string" && ADDRESS.test(value) ? value.toLowerCase() : value;
  const fields = Object.hasOwn(types, type) ? types[type] : undefined;
  if (!fields || typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...record };
  for (const field of fields) {
    if (Object.hasOwn(record, field.name))
      out[field.name] = lowercaseAddresses(types, field.type, record[field.name]);
  }
  return out;
}
