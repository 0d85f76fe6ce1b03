import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHost, type TempDirs, tempDirs } from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

/** The pids of `serve` processes for this data folder (Linux: /proc). */
function daemonPids(home: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return args.includes("serve") && args.includes(home);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Chrome and Firefox at login: relays starting at once must share one daemon. */
describe.skipIf(process.platform !== "linux")("one daemon per data folder", () => {
  let dirs: TempDirs;
  let clients: NativeClient[] = [];
  beforeAll(() => {
    dirs = tempDirs();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await dirs.cleanup();
  });

  it("three relays started at once start one daemon, which status names", async () => {
    clients = await Promise.all([1, 2, 3].map(() => openNativeClient(dirs)));
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(status.running).toBe(true);
    // Losers exit at once; poll until only the winner is left (or fail with what remains).
    const deadline = Date.now() + 10_000;
    let pids = daemonPids(dirs.home);
    while (pids.length > 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      pids = daemonPids(dirs.home);
    }
    expect(pids).toEqual([status.pid]);
    expect(status.lock).toMatchObject({ pid: status.pid });
    // Every relay got its hello (openNativeClient waited for it) and still runs.
    expect(clients.map((c) => c.child.exitCode)).toEqual([null, null, null]);
  }, 60_000);
});
