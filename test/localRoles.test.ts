import { chmodSync, mkdirSync, statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import { initTestVault, runHost, type TempDirs, tempDirs } from "./support/host.js";
import { LocalPeer, type Message } from "./support/localPeer.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

const ORIGIN = "https://app.example";

/**
 * Who may answer an approval, against the real daemon (started by a real relay, as a browser
 * starts it): only the extension session that was asked. A process that says it is the CLI can
 * neither make a page's request nor answer one; another extension connection cannot answer an
 * approval it was not sent.
 */
describe("local socket roles (real daemon)", () => {
  let dirs: TempDirs;
  let extension: NativeClient;
  const peers: LocalPeer[] = [];
  const peer = async (hello: Record<string, unknown>) => {
    const p = await LocalPeer.open(dirs.home, hello);
    peers.push(p);
    return p;
  };
  const pendingApprovals = async () => {
    extension.send({ v: 1, type: "health" });
    const health = await extension.next<{ data: { pendingApprovals: number } }>((m) => m.type === "health");
    return health.data.pendingApprovals;
  };

  beforeAll(async () => {
    dirs = tempDirs();
    await initTestVault(dirs);
    extension = await openNativeClient(dirs);
  });
  afterAll(async () => {
    for (const p of peers) p.close();
    await extension?.close();
    await dirs?.cleanup();
  });

  it("a CLI connection sending a page's request is refused (4100) and no approval is asked", async () => {
    const cli = await peer({ role: "cli" });
    cli.send({
      v: 1,
      type: "rpc",
      origin: ORIGIN,
      payload: { jsonrpc: "2.0", id: 1, method: "eth_requestAccounts" },
    });
    expect(await cli.next((m) => m.type === "error")).toEqual({
      v: 1,
      type: "error",
      error: { code: 4100, message: "A cli connection cannot send rpc" },
    });
    expect(cli.messages.filter((m) => m.type === "approval" || m.type === "rpc")).toEqual([]);
    expect(await pendingApprovals()).toBe(0);
    // The CLI still manages the wallet.
    cli.send({ v: 1, type: "ui", payload: { jsonrpc: "2.0", id: 2, method: "vaughan_status", params: [] } });
    const status = await cli.next((m) => m.type === "ui");
    expect(status.payload).toMatchObject({ id: 2, result: { hasVault: true, locked: true } });
  });

  it("neither a CLI connection nor another extension connection can answer an approval; the one asked can", async () => {
    extension.send({
      v: 1,
      type: "rpc",
      origin: ORIGIN,
      payload: { jsonrpc: "2.0", id: 10, method: "eth_requestAccounts" },
    });
    const approval = await extension.next<{ approvalId: string; origin: string }>(
      (m) => m.type === "approval",
    );
    expect(approval.origin).toBe(ORIGIN);
    const answer = { v: 1, type: "approval-result", approvalId: approval.approvalId, approved: true };

    const cli = await peer({ role: "cli" });
    cli.send(answer);
    expect(await cli.next((m) => m.type === "error")).toMatchObject({
      error: { code: 4100, message: "A cli connection cannot send approval-result" },
    });
    // A second extension connection (any process of this user can claim the role) is not the
    // session that was asked: its answer is ignored.
    const other = await peer({
      role: "extension",
      browser: "chromium",
      origin: `chrome-extension://${DEV_EXTENSION_ID}`,
    });
    other.send(answer);
    other.send({ v: 1, type: "health" });
    await other.next((m) => m.type === "health");
    // A CLI connection cannot turn itself into an extension one either.
    cli.send({ v: 1, type: "hello", role: "extension", browser: "chromium" });
    expect(await cli.next((m) => m.type === "error")).toMatchObject({
      error: { code: 4100, message: "A cli connection cannot send hello" },
    });
    expect(await pendingApprovals()).toBe(1);
    expect(extension.messages.filter((m) => (m as Message).type === "rpc")).toEqual([]);

    extension.send({ ...answer, approved: false });
    const reply = await extension.next<{ payload: { id: number; error?: { code: number } } }>(
      (m) => m.type === "rpc",
    );
    expect(reply.payload).toMatchObject({ id: 10, error: { code: 4001 } });
  });

  it("the socket's folder is 0700, and the daemon refuses to start when it is wider", async () => {
    expect(statSync(dirs.home).mode & 0o777).toBe(0o700);
    const wide = tempDirs();
    try {
      mkdirSync(wide.home, { recursive: true });
      chmodSync(wide.home, 0o755);
      const result = await runHost(["serve", "--port", "0"], wide);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${wide.home} is accessible by other users (mode 755); expected 0700`);
    } finally {
      await wide.cleanup();
    }
  });
});
