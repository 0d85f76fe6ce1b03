// An ERC-20 for the demo and the tests, compiled offline from OpenZeppelin's ERC20 with solc-js
// (both from npm) and deployed to a local anvil by one of anvil's unlocked accounts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import solc from "solc";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
contract FixtureToken is ERC20 {
    constructor(uint256 supply) ERC20("Fixture Token", "FTK") { _mint(msg.sender, supply); }
}
`;

let compiled;

/** The token's creation bytecode (hex, no 0x), compiled once per process. */
export function fixtureTokenBytecode() {
  if (compiled) return compiled;
  const require = createRequire(import.meta.url);
  const input = {
    language: "Solidity",
    sources: { "FixtureToken.sol": { content: SOURCE } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object"] } },
    },
  };
  const findImports = (path) => {
    try {
      return { contents: readFileSync(require.resolve(path), "utf8") };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  compiled = output.contracts["FixtureToken.sol"].FixtureToken.evm.bytecode.object;
  return compiled;
}

async function rpc(url, method, params) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Deploys FixtureToken (symbol FTK, 18 decimals) minting `supply` base units to `from`; its address. */
export async function deployFixtureToken(url, from, supply) {
  const data = `0x${fixtureTokenBytecode()}${BigInt(supply).toString(16).padStart(64, "0")}`;
  const hash = await rpc(url, "eth_sendTransaction", [{ from, data, gas: "0x300000" }]);
  for (;;) {
    const receipt = await rpc(url, "eth_getTransactionReceipt", [hash]);
    if (receipt) {
      if (receipt.status !== "0x1") throw new Error("FixtureToken deployment reverted");
      return receipt.contractAddress;
    }
    // Only with automine off: the caller mines.
    await rpc(url, "evm_mine", []);
  }
}
