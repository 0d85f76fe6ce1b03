import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SiteStore } from "./sites.js";

describe("SiteStore (permissions)", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "vaughan-sites-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const a = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  it("grants per origin and persists across a restart, in a 0600 file", () => {
    new SiteStore(home).grant("https://a.example", [a]);
    const reloaded = new SiteStore(home);
    expect(reloaded.permittedAccounts("https://a.example")).toEqual([a]);
    expect(reloaded.permittedAccounts("https://b.example")).toEqual([]);
    expect(statSync(join(home, "sites.json")).mode & 0o777).toBe(0o600);
  });

  it("revokes accounts but keeps the site's chain", () => {
    const store = new SiteStore(home);
    store.setChain("https://a.example", 10);
    store.grant("https://a.example", [a]);
    store.revoke("https://a.example");
    const reloaded = new SiteStore(home);
    expect(reloaded.permittedAccounts("https://a.example")).toEqual([]);
    expect(reloaded.get("https://a.example")?.chainId).toBe(10);
  });

  it("never confuses an origin with an object's own properties", () => {
    const store = new SiteStore(home);
    expect(store.get("__proto__")).toBeUndefined();
    expect(store.get("constructor")).toBeUndefined();
    expect(store.permittedAccounts("toString")).toEqual([]);
  });

  it("refuses to load a file that is not a valid sites file", () => {
    new SiteStore(home).grant("https://a.example", [a]);
    const path = join(home, "sites.json");
    const text = readFileSync(path, "utf8").replace(a, "0xnot-an-address");
    writeFileSync(path, text);
    expect(() => new SiteStore(home).get("https://a.example")).toThrow(/is not a valid Vaughan file/);
  });
});
