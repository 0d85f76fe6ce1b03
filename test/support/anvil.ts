import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface Anvil {
  url: string;
  port: number;
  chainId: number;
  stop(): Promise<void>;
}

/** The anvil binary from npm `@foundry-rs/anvil` (its platform package), started directly so one pid stops it. */
function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(
    require.resolve(
      `@foundry-rs/anvil-${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}/package.json`,
    ),
  );
  const bin = join(pkg, "bin", "anvil");
  if (!existsSync(bin)) throw new Error(`anvil not found at ${bin}`);
  return bin;
}

/** A real local chain on 127.0.0.1 and a free port; the test account mnemonic is anvil's default. */
export async function startAnvil(chainId = 31337, extra: string[] = []): Promise<Anvil> {
  const child: ChildProcess = spawn(
    anvilBinary(),
    ["--host", "127.0.0.1", "--port", "0", "--chain-id", String(chainId), ...extra],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`anvil did not start: ${out}`)), 20_000);
    let found = false;
    const onData = (chunk: Buffer) => {
      // Keep draining the pipes after start so anvil never blocks on a full one.
      if (found) return;
      out += chunk.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`anvil exited with ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    chainId,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
