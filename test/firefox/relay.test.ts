import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCaller } from "../../native-host/src/relay.js";
import { GECKO_ID } from "../support/firefox.js";
import { runHost, type TempDirs, tempDirs } from "../support/host.js";
import { NativeClient } from "../support/nativeClient.js";

const MOZ_ORIGIN = "moz-extension://0b6c1c53-7c1f-4a3e-9a8e-4f1d2c3b4a5d";

describe("parseCaller: Firefox's arguments", () => {
  it("reads the manifest path and add-on id Firefox passes", () => {
    expect(parseCaller(["/home/u/.mozilla/native-messaging-hosts/io.vaughan.host.json", GECKO_ID])).toEqual({
      browser: "firefox",
      extensionOrigin: `firefox:${GECKO_ID}`,
      extensionId: GECKO_ID,
    });
  });

  it("takes a manifest path alone, or an id with spaces or slashes, as no browser at all", () => {
    expect(parseCaller(["/home/u/.mozilla/native-messaging-hosts/io.vaughan.host.json"])).toBeUndefined();
    expect(parseCaller(["/x/io.vaughan.host.json", "evil id"])).toBeUndefined();
    expect(parseCaller(["/x/io.vaughan.host.json", "../../etc"])).toBeUndefined();
  });
});

/**
 * The host program as Firefox starts it: the manifest that `install --browser firefox` wrote
 * and the add-on id as arguments, real frames on stdin/stdout, the relay starting the daemon.
 */
describe("native host launched the way Firefox launches it", () => {
  let dirs: TempDirs;
  let manifest: string;
  const clients: NativeClient[] = [];
  const launch = (addonId: string) => {
    const client = new NativeClient([manifest, addonId], { VAUGHAN_HOME: dirs.home, HOME: dirs.fakeHome });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dirs = tempDirs();
    const install = await runHost(["install", "--browser", "firefox"], dirs);
    expect(install.code).toBe(0);
    manifest = join(dirs.fakeHome, ".mozilla", "native-messaging-hosts", "io.vaughan.host.json");
    expect(existsSync(manifest)).toBe(true);
    const written = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    expect(written).toMatchObject({ name: "io.vaughan.host", type: "stdio", allowed_extensions: [GECKO_ID] });
    expect(written).not.toHaveProperty("allowed_origins");
    expect(isAbsolute(written.path as string)).toBe(true);
    accessSync(written.path as string, constants.X_OK);
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await dirs?.cleanup();
  });

  it("refuses an unknown add-on id before starting anything", async () => {
    const stranger = launch("evil@example.com");
    const code = await new Promise<number | null>((resolve) => stranger.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stranger.messages).toEqual([]);
    expect(stranger.stderr).toBe("vaughan-host: extension firefox:evil@example.com is not allowed\n");
    expect(JSON.parse((await runHost(["status", "--json"], dirs)).stdout).running).toBe(false);
  });

  it("relays for wallet@vaughan.io: hello, health, and a daemon in its own process", async () => {
    const client = launch(GECKO_ID);
    client.send({ v: 1, type: "hello", role: "extension", extension: "test", browser: "firefox" });
    await client.next((m) => m.type === "hello");
    client.send({ v: 1, type: "health" });
    const health = await client.next<{ data: Record<string, number> }>((m) => m.type === "health");
    expect(health.data.sessions).toBeGreaterThanOrEqual(1);
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(status.running).toBe(true);
    expect(status.pid).not.toBe(client.child.pid);
    expect(client.stdoutGarbage).toBe(0);
  });

  it("binds the moz-extension origin the add-on claims, and hands it a credential; nothing for another scheme", async () => {
    const client = launch(GECKO_ID);
    client.send({
      v: 1,
      type: "hello",
      role: "extension",
      extension: "test",
      browser: "firefox",
      origin: MOZ_ORIGIN,
    });
    await client.next((m) => m.type === "hello");
    const { credential } = await client.next<{ credential: string }>((m) => m.type === "credential");
    expect(credential).toMatch(/^[0-9a-f]{64}$/);
    // A Firefox caller claiming a Chromium origin gets nothing.
    const other = launch(GECKO_ID);
    other.send({
      v: 1,
      type: "hello",
      role: "extension",
      extension: "test",
      browser: "firefox",
      origin: `chrome-extension://${"c".repeat(32)}`,
    });
    await other.next((m) => m.type === "hello");
    other.send({ v: 1, type: "health" });
    await other.next((m) => m.type === "health");
    expect(other.messages.filter((m) => (m as { type?: string }).type === "credential")).toEqual([]);
  });
});
