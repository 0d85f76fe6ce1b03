import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrigins } from "../native-host/src/commands/serve.js";
import { allowedExtensionIds } from "../native-host/src/relay.js";
import { DEV_EXTENSION_ID, GECKO_ID } from "../protocol/extensionId.js";
import { runHost, type TempDirs, tempDirs } from "./support/host.js";

const STORE_ID = "abcdefghijklmnopabcdefghijklmnop";

/** `install --extension-id` replaces the built-in ids everywhere they are trusted, unless kept. */
describe("trusted extension ids", () => {
  let dirs: TempDirs;
  let profile: string;
  beforeAll(() => {
    dirs = tempDirs();
    profile = join(dirs.root, "chromium-profile");
  });
  afterAll(() => dirs.cleanup());

  const install = (...extra: string[]) =>
    runHost(["install", "--browser", "chromium,firefox", "--user-data-dir", profile, ...extra], dirs);
  const manifest = () =>
    JSON.parse(readFileSync(join(profile, "NativeMessagingHosts", "io.vaughan.host.json"), "utf8"));

  it("a store id replaces the development id and the Firefox id in the manifest, the relay and the WebSocket", async () => {
    const result = await install("--extension-id", STORE_ID);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: Firefox not registered: no --firefox-id given (add --firefox-id ID, or --keep-dev-ids for wallet@vaughan.io).",
    );
    expect(manifest().allowed_origins).toEqual([`chrome-extension://${STORE_ID}/`]);
    expect([...allowedExtensionIds(dirs.home)]).toEqual([STORE_ID]);
    expect([...chromiumOrigins(dirs.home)]).toEqual([`chrome-extension://${STORE_ID}`]);

    // A browser launching the relay for the development build is turned away before anything runs.
    const dev = await runHost([`chrome-extension://${DEV_EXTENSION_ID}/`], dirs);
    expect(dev).toMatchObject({
      code: 1,
      stdout: "",
      stderr: `vaughan-host: extension chrome-extension://${DEV_EXTENSION_ID} is not allowed\n`,
    });
    const firefox = await runHost([join(dirs.fakeHome, "io.vaughan.host.json"), GECKO_ID], dirs);
    expect(firefox).toMatchObject({
      code: 1,
      stderr: `vaughan-host: extension firefox:${GECKO_ID} is not allowed\n`,
    });
  });

  it("--keep-dev-ids keeps them beside the store id", async () => {
    expect((await install("--extension-id", STORE_ID, "--keep-dev-ids")).code).toBe(0);
    expect(manifest().allowed_origins).toEqual([
      `chrome-extension://${DEV_EXTENSION_ID}/`,
      `chrome-extension://${STORE_ID}/`,
    ]);
    expect(allowedExtensionIds(dirs.home)).toEqual(new Set([DEV_EXTENSION_ID, STORE_ID, GECKO_ID]));
  });

  it("an install without ids returns to the built-in ones", async () => {
    expect((await install()).code).toBe(0);
    expect(manifest().allowed_origins).toEqual([`chrome-extension://${DEV_EXTENSION_ID}/`]);
    expect(allowedExtensionIds(dirs.home)).toEqual(new Set([DEV_EXTENSION_ID, GECKO_ID]));
  });
});
