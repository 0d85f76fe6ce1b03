import { InternalError } from "../../protocol/errors.js";
import { isJsonRpcResponse } from "../../protocol/guards.js";
import { type JsonRpcResponse, JsonRpcResponseSchema } from "../../protocol/messages.js";
import type { HostAnswer } from "./HostLink.js";

interface Waiting {
  done: (answer: HostAnswer) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The requests sent to the host and not answered yet, by JSON-RPC id. Each gets exactly one
 * answer: the host's, an error once its deadline passes (a lost frame or a wedged chain never
 * holds a page's request, and its tab's in-flight slot, forever), or the one `failAll` gives
 * when the transport is lost.
 */
export class PendingRequests {
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;

  /** `onIdle` runs when an answer leaves nothing in flight. */
  constructor(private readonly onIdle: () => void) {}

  get size(): number {
    return this.waiting.size;
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** `done` gets the answer to `id`, or an error once `deadlineMs` has passed without one. */
  add(id: number, deadlineMs: number, done: (answer: HostAnswer) => void): void {
    const timer = setTimeout(
      () =>
        this.settle({
          jsonrpc: "2.0",
          id,
          error: new InternalError("The wallet did not answer in time").toRpcError(),
        }),
      deadlineMs,
    );
    this.waiting.set(id, { done, timer });
  }

  /** The request could not be sent: forgotten without an answer (the caller gives one). */
  remove(id: number): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(id);
  }

  /** One JSON-RPC response from the host, checked, for the request waiting on its id. */
  answer(raw: unknown): void {
    if (isJsonRpcResponse(raw)) {
      this.settle(raw);
      return;
    }
    const parsed = JsonRpcResponseSchema.safeParse(raw);
    if (parsed.success) this.settle(parsed.data);
  }

  /** Every request in flight gets `answer` (the transport is gone). */
  failAll(answer: () => HostAnswer): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { done, timer } of waiting) {
      clearTimeout(timer);
      done(answer());
    }
  }

  private settle(response: JsonRpcResponse): void {
    if (typeof response.id !== "number") return;
    const waiting = this.waiting.get(response.id);
    if (!waiting) return;
    this.waiting.delete(response.id);
    clearTimeout(waiting.timer);
    waiting.done("error" in response ? { error: response.error } : { result: response.result });
    if (this.waiting.size === 0) this.onIdle();
  }
}
