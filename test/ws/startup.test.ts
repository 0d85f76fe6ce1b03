import { chmodSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startWsServer } from "../../native-host/src/ws/server.js";
import { tempHome } from "./helpers.js";

// docs/security.md test 6: the secret's file and folder, and refusing to start when they are wider.
describe.skipIf(process.platform === "win32")("startup", () => {
  const start = (home: string) =>
    startWsServer({
      port: 0,
      home,
      allowedOrigins: () => new Set(),
      credentialFor: () => Buffer.alloc(32),
      onAuthenticated: () => {},
      log: () => {},
    });

  it("creates the secret 0600 in a 0700 folder", async () => {
    const { home, remove } = tempHome();
    try {
      const server = await start(home);
      await server.close();
      expect(statSync(home).mode & 0o777).toBe(0o700);
      const secret = statSync(join(home, "ws-secret"));
      expect(secret.mode & 0o777).toBe(0o600);
      expect(secret.size).toBe(32);
    } finally {
      remove();
    }
  });

  it("refuses to start when the folder is wider than 0700", async () => {
    const { home, remove } = tempHome();
    try {
      await (await start(home)).close();
      chmodSync(home, 0o755);
      await expect(start(home)).rejects.toThrow(
        `${home} is accessible by other users (mode 755); expected 0700`,
      );
    } finally {
      remove();
    }
  });

  it("refuses to start when the secret is wider than 0600", async () => {
    const { home, remove } = tempHome();
    try {
      await (await start(home)).close();
      chmodSync(join(home, "ws-secret"), 0o644);
      await expect(start(home)).rejects.toThrow(
        /ws-secret is accessible by other users \(mode 644\); expected 0600$/,
      );
    } finally {
      remove();
    }
  });
});
