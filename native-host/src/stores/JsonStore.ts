import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { atomicWrite } from "../atomicWrite.js";

/**
 * A small JSON document in the data folder, validated on every load and written atomically on
 * every change (docs/architecture.md: a crash never leaves a half-written file). The daemon is the
 * only writer, so the in-memory copy is authoritative once loaded.
 */
export class JsonStore<S extends z.ZodType> {
  private value: z.infer<S> | undefined;
  readonly path: string;

  constructor(
    home: string,
    file: string,
    private readonly schema: S,
    private readonly initial: () => z.infer<S>,
  ) {
    this.path = join(home, file);
  }

  get(): z.infer<S> {
    if (this.value === undefined) this.value = this.load();
    return this.value;
  }

  /** Forgets the cached copy; the next `get` reads the file again. */
  reload(): void {
    this.value = undefined;
  }

  /** Applies `change` to a copy and persists it before the new value becomes visible. */
  update(change: (draft: z.infer<S>) => void): z.infer<S> {
    const draft = structuredClone(this.get());
    change(draft);
    const next = this.schema.parse(draft);
    atomicWrite(this.path, `${JSON.stringify(next, null, 2)}\n`);
    this.value = next;
    return next;
  }

  private load(): z.infer<S> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return this.initial();
      throw error;
    }
    const parsed = this.schema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(`${this.path} is not a valid Vaughan file: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
}
