// The EIP-712 data the test dApps sign, shared with the tests that verify the signatures, so
// what a dApp asked for and what a test checks can never drift apart.

/** The test dApps' domain on `chainId`. */
export const testDomain = (chainId: number) =>
  ({
    name: "Vaughan Test",
    version: "1",
    chainId,
    verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
  }) as const;

/** What the viem dApp signs for `from`. */
export const viemMail = (from: `0x${string}`) =>
  ({
    types: {
      Mail: [
        { name: "from", type: "address" },
        { name: "contents", type: "string" },
      ],
    },
    primaryType: "Mail",
    message: { from, contents: "Hello, Bob!" },
  }) as const;

/** What the ethers dApp signs. */
export const ethersMail = {
  types: { Mail: [{ name: "contents", type: "string" }] },
  primaryType: "Mail",
  message: { contents: "Hello from ethers" },
} as const;

/**
 * `viemMail` for the test account on `chainId`, whole as eth-sig-util takes it (with its
 * EIP712Domain), to recover what the wagmi and kit dApps signed.
 */
export const viemMailForRecovery = (from: `0x${string}`, chainId: number) => ({
  types: {
    EIP712Domain: [
      { name: "name", type: "string" },
      { name: "version", type: "string" },
      { name: "chainId", type: "uint256" },
      { name: "verifyingContract", type: "address" },
    ],
    ...viemMail(from).types,
  },
  domain: testDomain(chainId),
  primaryType: "Mail" as const,
  message: viemMail(from).message,
});
