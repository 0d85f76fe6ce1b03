import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { type ActivityEntry, ActivityEntrySchema, type ActivityStatus } from "../../../protocol/activity.js";
import { JsonStore } from "./JsonStore.js";

/** Entries kept per (chain, account); the oldest go first. Pending ones are never dropped for room. */
export const ACTIVITY_LIMIT = 500;
/** The folder in the data folder holding one file per (chain, account). */
export const ACTIVITY_DIR = "activity";

const ActivityFileSchema = z
  .object({ version: z.literal(1), entries: z.array(ActivityEntrySchema).max(ACTIVITY_LIMIT) })
  .strict();

const FILE_NAME = /^(\d{1,16})-(0x[0-9a-f]{40})\.json$/;

function parse(entry: ActivityEntry): ActivityEntry {
  return ActivityEntrySchema.parse({ ...entry, account: entry.account.toLowerCase() });
}

/** What the chain said about a pending transaction, applied by `settle`. */
export interface Settlement {
  status: Exclude<ActivityStatus, "pending">;
  feeWei?: string;
  replacedBy?: string;
  /** Why, in words, when the chain gives no receipt to show (a transaction dropped). */
  error?: string;
}

/**
 * Every transaction and signature each account made, per chain: one small file per (chain,
 * account) under activity/, newest first, written atomically on every change (JsonStore), so
 * a crash leaves the list as it was before or after a change, and pending transactions are
 * still there to follow when the daemon starts again.
 */
export class ActivityStore {
  private readonly files = new Map<string, JsonStore<typeof ActivityFileSchema>>();
  /** Entries from `addSoon` not yet on disk, oldest first. */
  private readonly unwritten: ActivityEntry[] = [];
  private readonly dir: string;

  constructor(home: string) {
    this.dir = join(home, ACTIVITY_DIR);
  }

  list(chainId: number, account: string): ActivityEntry[] {
    this.flush();
    return this.file(chainId, account).get().entries;
  }

  /** Adds an entry at the top; past the limit the oldest settled entries go. */
  add(entry: ActivityEntry): void {
    this.flush();
    this.write([parse(entry)]);
  }

  /**
   * Adds an entry as `add` does, written just after the current task together with every other
   * entry added so meanwhile (one write per file), for a caller that must not wait for the disk.
   * Checked now, so a bad entry throws to the caller. Reading, or `add`, writes them first:
   * nothing added is ever missing from a list, and the order stays the order of adding.
   */
  addSoon(entry: ActivityEntry): void {
    this.unwritten.push(parse(entry));
    if (this.unwritten.length > 1) return;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.unwritten.length === 0) return;
    try {
      this.write(this.unwritten.splice(0));
    } catch {
      // Best effort, as the callers' own writes are (a full disk): these entries are given up.
    }
  }

  /** Puts `entries` (oldest first) at the top of their files, one write per file. */
  private write(entries: readonly ActivityEntry[]): void {
    const byFile = new Map<string, ActivityEntry[]>();
    for (const entry of entries) {
      const key = `${entry.chainId}-${entry.account}`;
      byFile.set(key, [...(byFile.get(key) ?? []), entry]);
    }
    for (const group of byFile.values()) {
      const { chainId, account } = group[0] as ActivityEntry;
      this.file(chainId, account).update((file) => {
        let list = file.entries;
        for (const added of group) list = [added, ...list.filter((e) => e.id !== added.id)];
        while (list.length > ACTIVITY_LIMIT) {
          // The oldest settled one; when all are pending (never in practice), the oldest of all.
          const settled = list.findLastIndex((e) => e.status !== "pending");
          list.splice(settled > 0 ? settled : list.length - 1, 1);
        }
        file.entries = list;
      });
    }
  }

  find(chainId: number, account: string, id: string): ActivityEntry | undefined {
    return this.list(chainId, account).find((e) => e.id === id);
  }

  /**
   * Moves a pending transaction to its final status. Only `pending` moves: a mined receipt is
   * final, so a late or repeated check can never turn `confirmed` back into something else.
   * Returns whether the entry changed.
   */
  settle(chainId: number, account: string, id: string, settlement: Settlement): boolean {
    const current = this.find(chainId, account, id);
    if (current?.status !== "pending") return false;
    this.file(chainId, account).update((file) => {
      const entry = file.entries.find((e) => e.id === id);
      if (entry?.status !== "pending") return;
      entry.status = settlement.status;
      if (settlement.feeWei !== undefined) entry.feeWei = settlement.feeWei;
      if (settlement.replacedBy !== undefined) entry.replacedBy = settlement.replacedBy;
      if (settlement.error !== undefined) entry.error = settlement.error;
      delete entry.missingSince;
    });
    return true;
  }

  /** Records when the chain first stopped knowing a pending transaction (undefined clears it). */
  markMissing(chainId: number, account: string, id: string, since: number | undefined): void {
    const current = this.find(chainId, account, id);
    if (current?.status !== "pending" || current.missingSince === since) return;
    this.file(chainId, account).update((file) => {
      const entry = file.entries.find((e) => e.id === id);
      if (!entry) return;
      if (since === undefined) delete entry.missingSince;
      else entry.missingSince = since;
    });
  }

  /** Every (chain, account) with a file on disk: where pending transactions may wait after a restart. */
  keys(): Array<{ chainId: number; account: string }> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ chainId: Number(match[1]), account: match[2] as string }] : [];
    });
  }

  private file(chainId: number, account: string): JsonStore<typeof ActivityFileSchema> {
    const name = `${chainId}-${account.toLowerCase()}.json`;
    let store = this.files.get(name);
    if (!store) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      store = new JsonStore(this.dir, name, ActivityFileSchema, () => ({ version: 1 as const, entries: [] }));
      this.files.set(name, store);
    }
    return store;
  }
}
