// A local anvil devnet for the demo and the tests: the binary from npm @foundry-rs/anvil (its platform
// package), started directly so one pid stops it (docs/testing.md).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** anvil's well-known development mnemonic: its first accounts hold 10,000 ETH on every anvil chain. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

function anvilBinary() {
  const require = createRequire(import.meta.url);
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = dirname(require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`));
  const bin = join(pkg, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
  if (!existsSync(bin)) throw new Error(`anvil not found at ${bin}: run \`npm install\``);
  return bin;
}

/**
 * Starts anvil on 127.0.0.1 and a free port (types in anvil.d.mts); `port` only for a dApp that
 * names a fixed endpoint (MetaMask's test-dapp proposes http://127.0.0.1:8546).
 */
export async function startAnvil(chainId = 31337, extra = [], port = 0) {
  const child = spawn(
    anvilBinary(),
    ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), ...extra],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const bound = await new Promise((resolve, reject) => {
    let out = "";
    let found = false;
    const timer = setTimeout(() => reject(new Error(`anvil did not start: ${out}`)), 20_000);
    const onData = (chunk) => {
      // The pipes keep draining after the match so anvil never blocks on a full one.
      if (found) return;
      out += chunk.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`anvil exited with ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    chainId,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
