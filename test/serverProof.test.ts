import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { socketPath } from "../native-host/src/daemon/paths.js";
import { loadOrCreateSecret } from "../native-host/src/ws/secret.js";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import { runHost, type TempDirs, tempDirs } from "./support/host.js";
import { frame, NativeClient } from "./support/nativeClient.js";

/**
 * A server squatting the daemon's socket (on Windows: another user's pipe of the same name)
 * that answers whatever it is sent. The relay and the CLI must send it nothing but the proof
 * request. Here the squatter is a Unix socket of the same user, which exercises the same code.
 */
describe("an impostor on the daemon's socket", () => {
  let dirs: TempDirs;
  let impostor: Server;
  let received = Buffer.alloc(0);
  const PASSWORD = "the unlock password itself";

  beforeAll(async () => {
    dirs = tempDirs();
    loadOrCreateSecret(dirs.home);
    impostor = createServer((socket) => {
      socket.on("error", () => socket.destroy());
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        // It claims a proof and agrees to everything.
        socket.write(frame({ v: 1, type: "server-proof", proof: "ab".repeat(32) }));
        socket.write(frame({ v: 1, type: "ui", payload: { jsonrpc: "2.0", id: 1, result: true } }));
      });
    });
    await new Promise<void>((resolve) => impostor.listen(socketPath(dirs.home), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => impostor.close(resolve));
    await dirs.cleanup();
  });

  it("the CLI refuses it in one line and never sends the password", async () => {
    const passwordFile = join(dirs.root, "pw");
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    received = Buffer.alloc(0);
    expect(await runHost(["unlock", "--password-file", passwordFile], dirs)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "vaughan-host: the daemon's socket did not prove it belongs to this data folder (wrong proof)\n",
    });
    expect(received.toString()).not.toContain(PASSWORD);
    expect(received.toString()).not.toContain("hello");
  });

  it("the relay refuses it and forwards nothing of the browser's", async () => {
    received = Buffer.alloc(0);
    const relay = new NativeClient([`chrome-extension://${DEV_EXTENSION_ID}/`], {
      VAUGHAN_HOME: dirs.home,
      HOME: dirs.fakeHome,
    });
    relay.send({ v: 1, type: "hello", extension: "test", browser: "chromium" });
    expect(await relay.close()).toBe(1);
    expect(relay.stderr).toBe(
      "vaughan-host: the daemon's socket did not prove it belongs to this data folder (wrong proof)\n",
    );
    const text = received.toString();
    expect(text).toContain('"type":"prove-server"');
    expect(text).not.toContain("hello");
    expect(relay.messages).toEqual([]);
  });
});
