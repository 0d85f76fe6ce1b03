import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_ADDRESS_0 } from "../support/host.js";

interface Step {
  step: string;
  screenshot: string;
  saw: Record<string, unknown>;
}

interface Record_ {
  headless: boolean;
  tempRoot: string;
  pids: { anvil: number | null; daemon: number | null };
  steps: Step[];
  error: string | null;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm run demo` headless, as CI runs it. */
describe("npm run demo (headless)", () => {
  const out = mkdtempSync(join(tmpdir(), "vaughan-demo-test-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("connects, signs and mines on anvil, photographs each step, and leaves nothing running", async () => {
    const { DISPLAY: _none, ...env } = process.env;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ["scripts/demo.mjs", "--out", out],
        { env, timeout: 150_000 },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Screenshots: ${out}`);

    const record = JSON.parse(readFileSync(join(out, "steps.json"), "utf8")) as Record_;
    expect(record.error).toBeNull();
    expect(record.headless).toBe(true);
    const saw = (name: string) => record.steps.find((s) => s.step === name)?.saw;
    expect(record.steps.map((s) => s.step)).toEqual([
      "dapp",
      "unlock",
      "connect-approval",
      "connected",
      "sign-approval",
      "signed",
      "send-approval",
      "mined",
      "switch-chain-approval",
      "add-chain-approval",
      "watch-asset-approval",
      "token-approval",
      "token-approval-details",
      "permit-approval",
      "sign-in-approval",
      "wallet-popup",
      "popup-activity",
      "popup-sites",
      "popup-add-token",
      "popup-send",
      "options-settings",
      "options-accounts",
      "options-networks",
      "options-send",
    ]);
    expect(saw("connect-approval")).toMatchObject({ kind: "connect" });
    expect(saw("connected")).toEqual({ account: TEST_ADDRESS_0, chainId: 31337 });
    expect(saw("send-approval")).toMatchObject({ kind: "send-transaction" });
    expect(saw("permit-approval")?.warnings).toContain("danger:eoa-spender");
    expect(saw("mined")?.receipt).toMatch(/^status success, block \d+$/);
    expect(saw("mined")?.tx).toMatch(/^0x[0-9a-f]{64}$/);
    // The popup: anvil's 10,000 ETH less what the demo spent, the demo token, and the activity.
    expect(BigInt(saw("wallet-popup")?.balanceWei as string)).toBeLessThan(10_000n * 10n ** 18n);
    expect(saw("wallet-popup")?.tokens).toEqual([
      { address: expect.stringMatching(/^0x[0-9a-f]{40}$/), balance: (2500n * 10n ** 18n).toString() },
    ]);
    // Newest first: the tour's two signatures (a permit, a sign-in) and its token approval,
    // then the first send and the first signature.
    expect(saw("popup-activity")?.activity).toEqual([
      { kind: "signature", status: "confirmed" },
      { kind: "signature", status: "confirmed" },
      { kind: "transaction", status: "confirmed" },
      { kind: "transaction", status: "confirmed" },
      { kind: "signature", status: "confirmed" },
    ]);
    expect(saw("popup-sites")?.sites).toHaveLength(1);
    expect(saw("popup-add-token")).toEqual({ symbol: "DUSD", standard: "erc20", balance: "1250500000" });
    for (const { screenshot } of record.steps) {
      const bytes = readFileSync(screenshot);
      expect(bytes.subarray(0, 8).equals(PNG), screenshot).toBe(true);
      expect(bytes.length, screenshot).toBeGreaterThan(5000);
    }

    // Everything but the screenshots is gone: the temporary data folder, anvil, the daemon.
    expect(existsSync(record.tempRoot)).toBe(false);
    expect(record.pids.anvil).toBeTypeOf("number");
    expect(record.pids.daemon).toBeTypeOf("number");
    expect(alive(record.pids.anvil as number)).toBe(false);
    expect(alive(record.pids.daemon as number)).toBe(false);
  }, 180_000);
});
