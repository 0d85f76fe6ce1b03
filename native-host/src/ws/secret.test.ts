import { createHmac } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateSecret, originCredential } from "./secret.js";

describe.skipIf(process.platform === "win32")("loadOrCreateSecret", () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vaughan-secret-"));
    home = join(dir, "home");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates 32 bytes 0600 in a 0700 folder, then returns the same bytes", () => {
    const first = loadOrCreateSecret(home);
    expect(first).toHaveLength(32);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, "ws-secret")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(home)).toEqual(first);
  });

  it("refuses a folder readable by others", () => {
    loadOrCreateSecret(home);
    chmodSync(home, 0o750);
    expect(() => loadOrCreateSecret(home)).toThrow("expected 0700");
  });

  it("refuses a secret readable by others", () => {
    loadOrCreateSecret(home);
    chmodSync(join(home, "ws-secret"), 0o640);
    expect(() => loadOrCreateSecret(home)).toThrow("expected 0600");
  });

  it("refuses a symlinked secret", () => {
    loadOrCreateSecret(home);
    const target = join(dir, "elsewhere");
    writeFileSync(target, Buffer.alloc(32), { mode: 0o600 });
    rmSync(join(home, "ws-secret"));
    symlinkSync(target, join(home, "ws-secret"));
    expect(() => loadOrCreateSecret(home)).toThrow("is not a regular file");
  });

  it("refuses a secret of the wrong length", () => {
    loadOrCreateSecret(home);
    writeFileSync(join(home, "ws-secret"), Buffer.alloc(31), { mode: 0o600 });
    expect(() => loadOrCreateSecret(home)).toThrow("holds 31 bytes; expected 32");
  });
});

describe("originCredential", () => {
  const secret = Buffer.alloc(32, 1);

  it("is HMAC-SHA256(secret, 'vaughan-pair-v1:' + origin)", () => {
    const origin = "chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn";
    const expected = createHmac("sha256", secret).update(`vaughan-pair-v1:${origin}`).digest();
    expect(originCredential(secret, origin)).toEqual(expected);
  });

  it("differs per origin and does not reveal the secret", () => {
    const a = originCredential(secret, "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const b = originCredential(secret, "chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(secret);
  });
});
