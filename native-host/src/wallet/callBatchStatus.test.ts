import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CallBatchStore, MAX_BATCHES_PER_ORIGIN, type StoredBatch } from "../stores/callBatches.js";
import { batchStatusCode, settle } from "./callBatchStatus.js";

describe("an EIP-5792 batch's status code", () => {
  it.each([
    [[undefined, "success"], 100],
    [["success", undefined], 100],
    [["success", "success"], 200],
    [["unsent", "unsent"], 400],
    [["dropped"], 400],
    [["reverted"], 500],
    [["reverted", "unsent"], 500],
    [["reverted", "reverted"], 500],
    [["success", "reverted"], 600],
    [["success", "unsent"], 600],
    [["success", "dropped"], 600],
  ] as const)("%j → %i", (outcomes, code) => {
    expect(batchStatusCode(outcomes)).toBe(code);
  });
});

const batch = (
  origin: string,
  id: string,
  calls: StoredBatch["calls"] = [{ to: null, value: "0x0", dataSize: 1 }],
) =>
  ({
    id,
    origin,
    chainId: 31337,
    from: `0x${"11".repeat(20)}`,
    createdAt: 1,
    sent: false,
    calls,
  }) satisfies StoredBatch;

describe("the batch store", () => {
  const homes: string[] = [];
  const home = () => {
    const dir = mkdtempSync(join(tmpdir(), "vaughan-calls-"));
    homes.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps each site's newest batches and lets a site find only its own", () => {
    const dir = home();
    const store = new CallBatchStore(dir);
    for (let i = 0; i <= MAX_BATCHES_PER_ORIGIN; i++)
      store.add(batch("https://a.example", `0x${(i + 1).toString(16)}`));
    store.add(batch("https://b.example", "0xbbbbbb"));
    expect(store.find("https://a.example", "0x1")).toBeUndefined();
    expect(store.find("https://a.example", "0x2")?.id).toBe("0x2");
    expect(store.find("https://a.example", "0xbbbbbb")).toBeUndefined();
    expect(store.find("https://b.example", "0xBBBBBB")?.id).toBe("0xbbbbbb");
    // On disk, read back by a new store (a restarted daemon).
    expect(new CallBatchStore(dir).all()).toHaveLength(MAX_BATCHES_PER_ORIGIN + 1);
    expect(JSON.parse(readFileSync(join(dir, "calls-batches.json"), "utf8")).version).toBe(1);
  });

  it("holds an id while its approval is open: a twin is a duplicate (5720), released it is free", () => {
    const store = new CallBatchStore(home());
    const release = store.reserve("https://a.example", "0xabc");
    expect(() => store.reserve("https://a.example", "0xABC")).toThrow(
      expect.objectContaining({ code: 5720 }),
    );
    expect(() => store.reserve("https://b.example", "0xabc")).not.toThrow();
    release();
    expect(() => store.reserve("https://a.example", "0xabc")).not.toThrow();
  });

  it("counts a call never broadcast as not sent once nothing is sending it (a restart mid-batch)", async () => {
    const stored = batch("https://a.example", "0x1");
    const sending = await settle(stored, undefined, { stillSending: true, now: 0, dropAfterMs: 0 });
    expect(batchStatusCode(sending.outcomes)).toBe(100);
    const after = await settle(stored, undefined, { stillSending: false, now: 0, dropAfterMs: 0 });
    expect(batchStatusCode(after.outcomes)).toBe(400);
    expect([...after.changed]).toEqual([[0, "unsent"]]);
  });
});
