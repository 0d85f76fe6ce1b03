// The fixture contracts of the tests and the demo, in one place: compiled offline with the solc
// npm package against the installed OpenZeppelin 5, cached on disk so each test file (and each
// parallel worker, and the demo) does not pay for a compile, and deployed to a local anvil by
// one of its unlocked accounts. Plain JavaScript so the demo's node scripts can import it;
// types in contracts.d.mts, and test/support/contracts.ts is the tests' typed entry.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPublicClient, encodeDeployData, encodeFunctionData, http } from "viem";

/** The sources, one file each, named after their contract; OpenZeppelin imports resolve from node_modules. */
export const FIXTURE_SOURCES = {
  "FixtureToken.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";

/// An ERC-20 anyone can mint, with EIP-2612 permit and OpenZeppelin's multicall(bytes[]).
contract FixtureToken is ERC20, ERC20Permit, Multicall {
    constructor() ERC20("Fixture Token", "FTK") ERC20Permit("Fixture Token") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    // OpenZeppelin 5 dropped these; wallets still meet them in the wild.
    function increaseAllowance(address spender, uint256 added) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) + added);
        return true;
    }

    function decreaseAllowance(address spender, uint256 subtracted) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) - subtracted);
        return true;
    }
}
`,
  "FixtureNFT.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// An ERC-721 anyone can mint, any token id.
contract FixtureNFT is ERC721 {
    constructor() ERC721("Fixture NFT", "FNFT") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
`,
  "FixtureMulti.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// An ERC-1155 anyone can mint.
contract FixtureMulti is ERC1155 {
    constructor() ERC1155("https://fixture.invalid/{id}.json") {}

    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }
}
`,
  "Reverter.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Every call to fail() reverts with a reason a wallet can show.
contract Reverter {
    uint256 public count;

    function fail() external payable {
        revert("Reverter: always fails");
    }

    function succeed() external payable {
        count += 1;
    }
}
`,
  "BareToken.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// An ERC-20 without name() or symbol() (both are optional in ERC-20): 6 decimals, mintable.
contract BareToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function decimals() external pure returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}
`,
  "DemoToken.sol": `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// The demo's token: 2,500 DEMO to the holder, with EIP-2612 permit.
contract DemoToken is ERC20, ERC20Permit {
    constructor(address holder) ERC20("Demo Token", "DEMO") ERC20Permit("Demo Token") {
        _mint(holder, 2500 * 10 ** 18);
    }
}
`,
};

/** Every contract, as FIXTURE_SOURCES names it. */
export const FIXTURE_NAMES = Object.keys(FIXTURE_SOURCES).map((file) => file.replace(/\.sol$/, ""));

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Gitignored; shared by every worktree's test workers on this machine only through this path. */
const cacheDir = join(repoRoot, ".tmp", "contracts");
/** Cancun: OpenZeppelin 5 uses mcopy; every anvil the tests and the demo start supports it. */
const EVM_VERSION = "cancun";

/** The cache key: every input that changes the output. */
export function fixturesKey() {
  const hash = createHash("sha256");
  const version = (pkg) => require(`${pkg}/package.json`).version;
  hash.update(
    JSON.stringify({ solc: version("solc"), oz: version("@openzeppelin/contracts"), evm: EVM_VERSION }),
  );
  for (const name of Object.keys(FIXTURE_SOURCES).sort()) {
    hash.update(name);
    hash.update("\0");
    hash.update(FIXTURE_SOURCES[name]);
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

function compileNow() {
  const solc = require("solc");
  const ozRoot = dirname(require.resolve("@openzeppelin/contracts/package.json"));
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(FIXTURE_SOURCES).map(([k, content]) => [k, { content }])),
    settings: {
      evmVersion: EVM_VERSION,
      // The optimizer costs compile time and nothing here measures gas.
      optimizer: { enabled: false },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const findImports = (path) => {
    const prefix = "@openzeppelin/contracts/";
    if (!path.startsWith(prefix)) return { error: `not found: ${path}` };
    try {
      return { contents: readFileSync(join(ozRoot, path.slice(prefix.length)), "utf8") };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const result = {};
  for (const name of FIXTURE_NAMES) {
    const contract = output.contracts?.[`${name}.sol`]?.[name];
    if (!contract) throw new Error(`solc produced no ${name}`);
    result[name] = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  }
  return result;
}

function readCache(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A lock older than this belongs to a worker that died mid-compile. */
const STALE_LOCK_MS = 5 * 60_000;

function waitForFile(file, lock) {
  // Another worker holds the lock and is compiling: wait for its file or for the lock to go.
  return new Promise((resolve) => {
    const check = () => {
      const cached = readCache(file);
      if (cached) return resolve(cached);
      if (!existsSync(lock)) return resolve(undefined);
      setTimeout(check, 200);
    };
    check();
  });
}

let memo;

/**
 * The compiled contracts, from the cache when the sources and compiler are unchanged. Parallel
 * workers compile once between them: the first takes a lock directory, the rest wait for its file.
 */
export function compileFixtures() {
  memo ??= (async () => {
    const key = fixturesKey();
    const file = join(cacheDir, `fixtures-${key}.json`);
    mkdirSync(cacheDir, { recursive: true });
    for (;;) {
      const cached = readCache(file);
      if (cached) return cached;
      const lock = `${file}.lock`;
      try {
        mkdirSync(lock);
      } catch {
        const age = (() => {
          try {
            return Date.now() - statSync(lock).mtimeMs;
          } catch {
            return 0;
          }
        })();
        if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
        else {
          const waited = await waitForFile(file, lock);
          if (waited) return waited;
        }
        continue;
      }
      try {
        const compiled = compileNow();
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(compiled));
        renameSync(tmp, file);
        return compiled;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  })();
  return memo;
}

/** anvil's first development account: unlocked on every anvil, holds 10,000 ETH. */
export const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/** eth_sendTransaction from an account anvil holds unlocked; resolves with the mined receipt. */
async function sendFromAnvil(rpcUrl, tx) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const hash = await client.request({ method: "eth_sendTransaction", params: [tx] });
  return client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
}

/**
 * Deploys one contract from `from` (an account anvil holds unlocked) with its constructor's
 * `args`, and waits for its receipt; its address.
 */
export async function deployFixture(rpcUrl, name, from = DEPLOYER, args = []) {
  const { abi, bytecode } = (await compileFixtures())[name];
  const data = encodeDeployData({ abi, bytecode, args });
  const receipt = await sendFromAnvil(rpcUrl, { from, data });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deploying ${name} failed`);
  return receipt.contractAddress;
}

/** The tests' fixtures, deployed one after the other (one nonce sequence from the deployer). */
export async function deployFixtures(rpcUrl, from = DEPLOYER) {
  return {
    token: await deployFixture(rpcUrl, "FixtureToken", from),
    nft: await deployFixture(rpcUrl, "FixtureNFT", from),
    multi: await deployFixture(rpcUrl, "FixtureMulti", from),
    reverter: await deployFixture(rpcUrl, "Reverter", from),
    bare: await deployFixture(rpcUrl, "BareToken", from),
  };
}

/** Encodes calldata for a contract's function (for callers that send through the wallet). */
export async function fixtureCalldata(name, functionName, args) {
  return encodeFunctionData({ abi: (await compileFixtures())[name].abi, functionName, args });
}

/** Sends a call to a contract from an unlocked anvil account and waits until it is mined. */
export async function callFixture(rpcUrl, name, address, functionName, args, from = DEPLOYER) {
  const data = await fixtureCalldata(name, functionName, args);
  const receipt = await sendFromAnvil(rpcUrl, { from, to: address, data });
  if (receipt.status !== "success") throw new Error(`${name}.${functionName} reverted`);
}

/** Mints on a fixture: `FixtureToken`/`BareToken` (to, amount), `FixtureNFT` (to, id), `FixtureMulti` (to, id, amount). */
export async function mint(rpcUrl, name, address, args) {
  await callFixture(rpcUrl, name, address, "mint", args);
}
