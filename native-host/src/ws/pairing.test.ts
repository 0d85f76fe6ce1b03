import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runPairCommand } from "./pairCommand.js";
import {
  bindOrigin,
  createPairingCode,
  hasLivePairingCode,
  MAX_PAIRED_ORIGINS,
  PAIRING_TTL_MS,
  PairingError,
  pairedOrigins,
  redeemPairingCode,
} from "./pairing.js";
import { loadOrCreateSecret, originCredential } from "./secret.js";

const ORIGIN = "chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn";

describe("pairing codes", () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vaughan-pair-"));
    home = join(dir, "home");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof PairingError ? error.reason : String(error);
    }
    return "no error";
  };

  it("makes XXXX-XXXX codes from the unambiguous alphabet and stores only a hash", () => {
    const code = createPairingCode(home);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const stored = readFileSync(join(home, "pairing.json"), "utf8");
    expect(stored).not.toContain(code.replace("-", ""));
    expect(statSync(join(home, "pairing.json")).mode & 0o777).toBe(
      process.platform === "win32" ? 0o666 : 0o600,
    );
    expect(createPairingCode(home)).not.toBe(code);
  });

  it("redeems once, binding the origin and returning its credential", () => {
    const code = createPairingCode(home);
    const credential = redeemPairingCode(home, code.toLowerCase().replace("-", " "), ORIGIN);
    expect(credential).toEqual(originCredential(loadOrCreateSecret(home), ORIGIN));
    expect(pairedOrigins(home)).toEqual([ORIGIN]);
    expect(hasLivePairingCode(home)).toBe(false);
    expect(reason(() => redeemPairingCode(home, code, ORIGIN))).toBe("no-code");
  });

  it("expires after five minutes", () => {
    const now = Date.now();
    const code = createPairingCode(home, now);
    expect(hasLivePairingCode(home, now + PAIRING_TTL_MS - 1)).toBe(true);
    expect(reason(() => redeemPairingCode(home, code, ORIGIN, now + PAIRING_TTL_MS))).toBe("expired");
    expect(reason(() => redeemPairingCode(home, code, ORIGIN, now))).toBe("no-code");
  });

  it("burns the code after five wrong attempts", () => {
    const code = createPairingCode(home);
    for (let i = 0; i < 5; i++)
      expect(reason(() => redeemPairingCode(home, "2222-2222", ORIGIN))).toBe("wrong-code");
    expect(reason(() => redeemPairingCode(home, code, ORIGIN))).toBe("no-code");
    expect(pairedOrigins(home)).toEqual([]);
  });

  it("refuses an origin that is not an extension's", () => {
    const code = createPairingCode(home);
    expect(reason(() => redeemPairingCode(home, code, "https://evil.example"))).toBe("bad-origin");
    expect(reason(() => redeemPairingCode(home, code, `${ORIGIN}/`))).toBe("bad-origin");
  });

  it("treats a malformed code as a wrong one", () => {
    createPairingCode(home);
    expect(reason(() => redeemPairingCode(home, "0000-OOOO", ORIGIN))).toBe("wrong-code");
  });

  it("runPairCommand prints the code alone on one line", () => {
    let out = "";
    runPairCommand(home, { write: (text: string) => (out += text) });
    expect(out).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\n$/);
    expect(hasLivePairingCode(home)).toBe(true);
  });
});

describe("paired origins", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "vaughan-paired-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const mozOrigin = (i: number) =>
    `moz-extension://${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;

  it("drops the origin unused the longest, with a log line, when one more than the cap is bound", () => {
    const events: Record<string, unknown>[] = [];
    const log = (event: Record<string, unknown>) => events.push(event);
    for (let i = 0; i < MAX_PAIRED_ORIGINS; i++) bindOrigin(home, mozOrigin(i), log);
    expect(events).toEqual([]);
    // Origin 0 is used again (a native hand-off), so origin 1 is now the one unused the longest.
    bindOrigin(home, mozOrigin(0), log);
    const credential = bindOrigin(home, ORIGIN, log);
    expect(credential).toEqual(originCredential(loadOrCreateSecret(home), ORIGIN));
    const origins = pairedOrigins(home);
    expect(origins).toHaveLength(MAX_PAIRED_ORIGINS);
    expect(origins).toContain(ORIGIN);
    expect(origins).toContain(mozOrigin(0));
    expect(origins).not.toContain(mozOrigin(1));
    expect(events).toEqual([
      { event: "pairing-dropped", origin: mozOrigin(1), reason: `over ${MAX_PAIRED_ORIGINS} paired origins` },
    ]);
  });
});
