import type { Abi, Address, Hex } from "viem";

export type FixtureName =
  | "FixtureToken"
  | "FixtureNFT"
  | "FixtureMulti"
  | "Reverter"
  | "BareToken"
  | "DemoToken";

/** The Solidity sources, one file per contract (`FixtureToken.sol`, …). */
export const FIXTURE_SOURCES: Readonly<Record<`${FixtureName}.sol`, string>>;
export const FIXTURE_NAMES: readonly FixtureName[];

export interface CompiledContract {
  abi: Abi;
  bytecode: Hex;
}
export type CompiledFixtures = Record<FixtureName, CompiledContract>;

/** The cache key: every input that changes the output (solc, OpenZeppelin, EVM version, sources). */
export function fixturesKey(): string;
/** Every contract compiled once per machine (cached under .tmp/contracts) and once per process. */
export function compileFixtures(): Promise<CompiledFixtures>;

/** anvil's first development account: unlocked on every anvil, holds 10,000 ETH. */
export const DEPLOYER: Address;

/** Deploys one contract from an unlocked anvil account, with its constructor's arguments; its address. */
export function deployFixture(
  rpcUrl: string,
  name: FixtureName,
  from?: Address,
  args?: readonly unknown[],
): Promise<Address>;

export interface DeployedFixtures {
  token: Address;
  nft: Address;
  multi: Address;
  reverter: Address;
  bare: Address;
}
/** The tests' fixtures (every contract but DemoToken), one after the other. */
export function deployFixtures(rpcUrl: string, from?: Address): Promise<DeployedFixtures>;

/** Calldata for a contract's function. */
export function fixtureCalldata(
  name: FixtureName,
  functionName: string,
  args: readonly unknown[],
): Promise<Hex>;

/** Sends a call from an unlocked anvil account and waits until it is mined (throws when it reverts). */
export function callFixture(
  rpcUrl: string,
  name: FixtureName,
  address: Address,
  functionName: string,
  args: readonly unknown[],
  from?: Address,
): Promise<void>;

/** Mints on a fixture: `FixtureToken`/`BareToken` (to, amount), `FixtureNFT` (to, id), `FixtureMulti` (to, id, amount). */
export function mint(
  rpcUrl: string,
  name: "FixtureToken" | "FixtureNFT" | "FixtureMulti" | "BareToken",
  address: Address,
  args: readonly unknown[],
): Promise<void>;
