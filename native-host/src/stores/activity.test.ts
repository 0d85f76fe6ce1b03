import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActivityEntry } from "../../../protocol/activity.js";
import { ACTIVITY_DIR, ACTIVITY_LIMIT, ActivityStore } from "./activity.js";

const ACCOUNT = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const hashOf = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

function tx(n: number, status: ActivityEntry["status"] = "pending", nonce = n): ActivityEntry {
  return {
    id: hashOf(n),
    kind: "transaction",
    chainId: 31337,
    account: ACCOUNT,
    origin: "https://app.example",
    time: n,
    summary: `Send ${n} wei`,
    status,
    hash: hashOf(n),
    nonce,
  };
}

describe("ActivityStore", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "vaughan-activity-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("writes one private file per (chain, account), whole, with no temp file left, and reads it back after a restart", () => {
    const store = new ActivityStore(home);
    store.add(tx(1));
    store.add({ ...tx(2), chainId: 1 });
    const dir = join(home, ACTIVITY_DIR);
    expect(readdirSync(dir).sort()).toEqual([`1-${ACCOUNT}.json`, `31337-${ACCOUNT}.json`]);
    const file = join(dir, `31337-${ACCOUNT}.json`);
    expect(JSON.parse(readFileSync(file, "utf8")).entries).toEqual([tx(1)]);
    if (process.platform !== "win32") {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    expect(new ActivityStore(home).list(31337, ACCOUNT)).toEqual([tx(1)]);
    expect(new ActivityStore(home).keys()).toContainEqual({ chainId: 1, account: ACCOUNT });
  });

  it("keeps the newest first, and the account's list for any spelling of its address", () => {
    const store = new ActivityStore(home);
    store.add(tx(1));
    store.add({ ...tx(2), account: "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266" });
    expect(store.list(31337, ACCOUNT).map((e) => e.time)).toEqual([2, 1]);
  });

  it(`keeps at most ${ACTIVITY_LIMIT} per (chain, account), dropping the oldest settled ones before any pending one`, () => {
    const store = new ActivityStore(home);
    store.add(tx(0, "pending"));
    for (let n = 1; n <= ACTIVITY_LIMIT + 5; n++) store.add(tx(n, "confirmed"));
    const entries = store.list(31337, ACCOUNT);
    expect(entries).toHaveLength(ACTIVITY_LIMIT);
    expect(entries[0]?.time).toBe(ACTIVITY_LIMIT + 5);
    // The pending one (the oldest of all) is still there; the oldest confirmed ones went.
    expect(entries.at(-1)).toEqual(tx(0, "pending"));
    expect(entries.some((e) => e.time === 6)).toBe(false);
    expect(entries.some((e) => e.time === 7)).toBe(true);
  });

  it("moves pending to a final status once: a later settlement never changes a mined one", () => {
    const store = new ActivityStore(home);
    store.add(tx(1));
    expect(store.settle(31337, ACCOUNT, hashOf(1), { status: "confirmed", feeWei: "21000" })).toBe(true);
    expect(store.settle(31337, ACCOUNT, hashOf(1), { status: "replaced", replacedBy: hashOf(9) })).toBe(
      false,
    );
    const [entry] = new ActivityStore(home).list(31337, ACCOUNT);
    expect(entry).toMatchObject({ status: "confirmed", feeWei: "21000" });
    expect(entry?.replacedBy).toBeUndefined();
  });

  it("records a replaced or cancelled transaction with the one mined in its place, and forgets when it went missing", () => {
    const store = new ActivityStore(home);
    store.add(tx(1));
    store.add(tx(2));
    store.markMissing(31337, ACCOUNT, hashOf(1), 1234);
    expect(store.find(31337, ACCOUNT, hashOf(1))?.missingSince).toBe(1234);
    store.settle(31337, ACCOUNT, hashOf(1), { status: "cancelled", replacedBy: hashOf(3) });
    store.settle(31337, ACCOUNT, hashOf(2), { status: "replaced", replacedBy: hashOf(4) });
    const reread = new ActivityStore(home);
    expect(reread.find(31337, ACCOUNT, hashOf(1))).toMatchObject({
      status: "cancelled",
      replacedBy: hashOf(3),
    });
    expect(reread.find(31337, ACCOUNT, hashOf(1))?.missingSince).toBeUndefined();
    expect(reread.find(31337, ACCOUNT, hashOf(2))).toMatchObject({
      status: "replaced",
      replacedBy: hashOf(4),
    });
  });

  it("refuses an entry the file could not hold, leaving the file as it was", () => {
    const store = new ActivityStore(home);
    store.add(tx(1));
    expect(() => store.add({ ...tx(2), summary: "x".repeat(301) })).toThrow();
    expect(new ActivityStore(home).list(31337, ACCOUNT)).toEqual([tx(1)]);
  });

  it("addSoon writes after the current task, many entries in one write, and reading or adding writes them first", async () => {
    const store = new ActivityStore(home);
    const file = join(home, ACTIVITY_DIR, `31337-${ACCOUNT}.json`);
    const onDisk = () => JSON.parse(readFileSync(file, "utf8")).entries.map((e: ActivityEntry) => e.id);
    store.add(tx(1, "confirmed"));
    store.addSoon(tx(2, "confirmed"));
    store.addSoon(tx(3, "confirmed"));
    // Not yet on disk: the caller did not wait for it.
    expect(onDisk()).toEqual([hashOf(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(onDisk()).toEqual([hashOf(3), hashOf(2), hashOf(1)]);

    store.addSoon(tx(4, "confirmed"));
    // A reader never misses an entry, and the order is the order of adding.
    expect(store.list(31337, ACCOUNT).map((e) => e.id)).toEqual([hashOf(4), hashOf(3), hashOf(2), hashOf(1)]);
    store.addSoon(tx(5, "confirmed"));
    store.add(tx(6));
    expect(onDisk()).toEqual([hashOf(6), hashOf(5), hashOf(4), hashOf(3), hashOf(2), hashOf(1)]);
    // A bad entry throws to the one who adds it.
    expect(() => store.addSoon({ ...tx(7), account: "not an address" })).toThrow();
  });
});
