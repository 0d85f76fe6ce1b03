/** FixtureToken's creation bytecode (hex without 0x), compiled offline with solc-js. */
export function fixtureTokenBytecode(): string;

/** Deploys FixtureToken (FTK, 18 decimals) minting `supply` base units to `from` on a local anvil; its address. */
export function deployFixtureToken(url: string, from: string, supply: bigint): Promise<`0x${string}`>;
