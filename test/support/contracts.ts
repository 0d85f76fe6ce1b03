/**
 * The tests' entry to the fixture contracts: the one compile-and-deploy helper the demo also
 * uses (scripts/lib/contracts.mjs, plain JavaScript so node runs it), with its types
 * (contracts.d.mts). Sources, compiler settings and the on-disk cache live there only.
 */
export {
  type CompiledContract,
  type CompiledFixtures,
  callFixture,
  compileFixtures,
  DEPLOYER,
  type DeployedFixtures,
  deployFixture,
  deployFixtures,
  FIXTURE_NAMES,
  FIXTURE_SOURCES,
  type FixtureName,
  fixtureCalldata,
  fixturesKey,
  mint,
} from "../../scripts/lib/contracts.mjs";
