import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyInstall } from "./apply.js";
import { runInstallCommand } from "./command.js";
import { planInstall } from "./plan.js";
import { rootTrustProblem } from "./rootTrust.js";
import { registrationStatus } from "./status.js";

// Ownership can only be handed to another user by root; the checks guard what root runs.
const asRoot = process.platform !== "win32" && process.getuid?.() === 0 ? describe : describe.skip;
const OTHER_UID = 4242;

let tmp: string;
let marker: string;
/** A stand-in for node that leaves a marker if anything runs it, owned by another user. */
let foreignNode: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vaughan-root-"));
  marker = path.join(tmp, "ran");
  foreignNode = path.join(tmp, "node");
  fs.writeFileSync(foreignNode, `#!/bin/sh\ntouch "${marker}"\necho v22.0.0\n`, { mode: 0o755 });
  fs.chownSync(foreignNode, OTHER_UID, OTHER_UID);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

asRoot("what root runs", () => {
  it("trusts only files that root alone can change, up every folder, through symbolic links", () => {
    const file = path.join(tmp, "f");
    fs.writeFileSync(file, "", { mode: 0o755 });
    expect(rootTrustProblem(file)).toBeUndefined();
    fs.chmodSync(file, 0o775);
    expect(rootTrustProblem(file)).toBe(`${file} is writable by its group`);
    fs.chmodSync(file, 0o755);
    fs.chmodSync(tmp, 0o757);
    expect(rootTrustProblem(file)).toBe(`${tmp} is writable by every user`);
    fs.chmodSync(tmp, 0o700);
    const link = path.join(tmp, "link");
    fs.symlinkSync(foreignNode, link);
    expect(rootTrustProblem(link)).toBe(`${foreignNode} belongs to uid ${OTHER_UID}, not root`);
  });

  it("status as root reports a node another user owns and never runs it", () => {
    const opts = {
      platform: "linux" as const,
      homedir: path.join(tmp, "HOME"),
      home: path.join(tmp, "data"),
      env: {},
      browsers: ["chromium" as const],
      nodePath: foreignNode,
      hostScript: foreignNode,
      exists: () => false,
    };
    applyInstall(planInstall(opts));
    const [status] = registrationStatus(opts);
    expect(status?.ok).toBe(false);
    expect(status?.problems).toContain(
      `node ${foreignNode} not run as root: ${foreignNode} belongs to uid ${OTHER_UID}, not root; run \`vaughan-host install --browser chromium\` --node PATH`,
    );
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("install as root refuses such a node without running it, and a system-wide host script another user owns", async () => {
    const err: string[] = [];
    const ctx = {
      home: path.join(tmp, "data"),
      hostScript: foreignNode,
      homedir: path.join(tmp, "HOME"),
      env: {},
      exists: () => false,
      stdout: () => undefined,
      stderr: (s: string) => err.push(s),
    };
    const argv = ["--browser", "chromium", "--dry-run"];
    expect(await runInstallCommand("install", [...argv, "--node", foreignNode], ctx)).toBe(1);
    expect(fs.existsSync(marker)).toBe(false);
    expect(await runInstallCommand("install", [...argv, "--scope", "system"], ctx)).toBe(1);
    expect(err).toEqual([
      `vaughan-host install: refusing to run node ${foreignNode} as root: ${foreignNode} belongs to uid ${OTHER_UID}, not root; pass --node PATH\n`,
      `vaughan-host install: refusing a system-wide registration: host script ${foreignNode}: ${foreignNode} belongs to uid ${OTHER_UID}, not root\n`,
    ]);
  });
});
