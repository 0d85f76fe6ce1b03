// The demo's token: an OpenZeppelin ERC-20 with EIP-2612 permit, compiled offline with the solc
// npm package and deployed to the demo's anvil, so the approval windows for a token approval, a
// permit and "add token" show what a real token reads as. Nothing is fetched.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

contract DemoToken is ERC20, ERC20Permit {
    constructor(address holder) ERC20("Demo Token", "DEMO") ERC20Permit("Demo Token") {
        _mint(holder, 2500 * 10 ** 18);
    }
}

/// A second token, not watched by the demo's dApp: the one the popup's Add token finds.
contract DemoDollar is ERC20 {
    constructor(address holder) ERC20("Demo Dollar", "DUSD") {
        _mint(holder, 1250500000);
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
`;

let compiled;

/** Both contracts' creation code, compiled once per process. */
function compile() {
  compiled ??= compileAll();
  return compiled;
}

function compileAll() {
  const require = createRequire(import.meta.url);
  const solc = require("solc");
  const ozRoot = dirname(require.resolve("@openzeppelin/contracts/package.json"));
  const input = {
    language: "Solidity",
    sources: { "DemoToken.sol": { content: SOURCE } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: false },
      outputSelection: { "*": { DemoToken: ["evm.bytecode.object"], DemoDollar: ["evm.bytecode.object"] } },
    },
  };
  const findImports = (path) => {
    const prefix = "@openzeppelin/contracts/";
    if (!path.startsWith(prefix)) return { error: `not found: ${path}` };
    return { contents: readFileSync(join(ozRoot, path.slice(prefix.length)), "utf8") };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const { DemoToken, DemoDollar } = output.contracts["DemoToken.sol"];
  return {
    DemoToken: `0x${DemoToken.evm.bytecode.object}`,
    DemoDollar: `0x${DemoDollar.evm.bytecode.object}`,
  };
}

async function rpc(url, method, params) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`anvil ${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Deploys the demo token from `holder` (an account anvil holds unlocked), which receives 2,500
 * DEMO (or, with `contract` "DemoDollar", 1,250.50 DUSD of 6 decimals); resolves with the
 * token's address.
 */
export async function deployDemoToken(anvilUrl, holder, contract = "DemoToken") {
  const args = holder.toLowerCase().replace(/^0x/, "").padStart(64, "0");
  const code = compile()[contract];
  const hash = await rpc(anvilUrl, "eth_sendTransaction", [{ from: holder, data: `${code}${args}` }]);
  for (;;) {
    const receipt = await rpc(anvilUrl, "eth_getTransactionReceipt", [hash]);
    if (receipt) {
      if (receipt.status !== "0x1" || !receipt.contractAddress)
        throw new Error("deploying the demo token failed");
      return receipt.contractAddress;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
