import { MAX_INBOUND_FRAME_BYTES, PROTOCOL_VERSION } from "../../protocol/constants.js";
import { DisconnectedError, InvalidRequestError, type RpcErrorObject } from "../../protocol/errors.js";
import type { ExtensionToHost, HostToExtension } from "../../protocol/messages.js";
import { lookupMethod } from "../../protocol/methods.js";
import { isUiMethod, type TransportStatus, UI_PROMPTING_CALLS } from "../../protocol/ui.js";
import { fitsUtf8 } from "../../protocol/utf8Length.js";
import { PendingRequests } from "./PendingRequests.js";
import type { Transport, TransportHandlers } from "./Transport.js";

export type HostAnswer = { result: unknown } | { error: RpcErrorObject };

/** Connects one kind of transport or throws; tried in order (native first, then the WebSocket). */
export interface Connector {
  readonly kind: Transport["kind"];
  connect(handlers: TransportHandlers): Promise<Transport>;
}

/** A request waits at most this long for a transport (CONTRACT: 4900 within 5 s). */
const CONNECT_BUDGET_MS = 4500;
/**
 * One attempt to connect may go on after the requests waiting on it were answered 4900: the
 * WebSocket may first sit out Chromium's throttle (up to 5 s, webSocketTransport.ts). A link that comes
 * up late is kept, and pages get `connect`.
 */
const ATTEMPT_MS = 12_000;
/** Reconnection after a loss: 1 s, doubling, at most 30 s apart. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** On the fallback, how often to see whether the preferred transport works again. */
const PREFER_FIRST_EVERY_MS = 30_000;

/**
 * The host answers every request, but a bug, a lost frame or a wedged chain must not hold a
 * page's request (and its tab's in-flight slot) forever: past this, the request gets an error.
 * The host gives up on a chain after 10 s.
 */
export const ANSWER_DEADLINE_MS = 60_000;
/**
 * A request that may wait for a person: two of the host's 5-minute approval timeouts in a row
 * (unlocking, then the request itself), with room for the chain afterwards.
 */
export const PROMPT_DEADLINE_MS = 11 * 60_000;

const disconnected = (): HostAnswer => ({
  error: new DisconnectedError("The Vaughan host is not reachable").toRpcError(),
});

/**
 * The background's one link to the host, whichever transport carries it. It connects lazily,
 * answers every in-flight request with 4900 when the transport is lost (nothing hangs), and
 * lets listeners know so pages get `disconnect`.
 */
export class HostLink {
  private transport: Transport | undefined;
  private connecting: Promise<Transport | undefined> | undefined;
  private readonly pending = new PendingRequests(() => this.idle());
  private retryMs = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private preferTimer: ReturnType<typeof setInterval> | undefined;
  /** On the fallback: a preferred transport is being connected. */
  private preferring = false;
  /** On the fallback: a tick found requests in flight; try the preferred transport once they are answered. */
  private preferWhenIdle = false;
  /** The preferred transport, connected while requests were in flight; adopted once they are answered. */
  private ready: Transport | undefined;

  constructor(
    private readonly connectors: readonly Connector[],
    private readonly listener: {
      onHostMessage(message: HostToExtension): void;
      /**
       * `causes`, when disconnected: each transport's error in order, or the text the lost
       * connection closed with.
       */
      onStatus(status: TransportStatus, reason?: string, causes?: readonly unknown[]): void;
      /** Whether anyone (an open page) needs the link kept up after a loss. */
      wanted(): boolean;
    },
  ) {}

  get status(): TransportStatus {
    return this.transport?.kind ?? "disconnected";
  }

  /**
   * One page request to the host; `done` gets its JSON-RPC result or error, once. A callback, not
   * a promise: every page request passes here, and a promise and its reaction cost each one.
   */
  rpc(origin: string, method: string, params: unknown, done: (answer: HostAnswer) => void): void {
    const id = this.pending.nextId();
    this.call(
      id,
      { v: PROTOCOL_VERSION, type: "rpc", origin, payload: { jsonrpc: "2.0", id, method, params } },
      lookupMethod(method)?.kind === undefined ? ANSWER_DEADLINE_MS : PROMPT_DEADLINE_MS,
      done,
    );
  }

  /** One call from the extension's own pages (`vaughan_*`). */
  ui(method: string, params: unknown[]): Promise<HostAnswer> {
    const id = this.pending.nextId();
    return new Promise((resolve) =>
      this.call(
        id,
        { v: PROTOCOL_VERSION, type: "ui", payload: { jsonrpc: "2.0", id, method, params } },
        isUiMethod(method) && UI_PROMPTING_CALLS.has(method) ? PROMPT_DEADLINE_MS : ANSWER_DEADLINE_MS,
        resolve,
      ),
    );
  }

  /** A message that expects no answer (approval results, health). False when no host is reachable. */
  async post(message: ExtensionToHost): Promise<boolean> {
    const transport = await this.ensure();
    if (!transport) return false;
    transport.send(message);
    return true;
  }

  /** The transport, connecting if needed; undefined when none is up within the request budget. */
  async ensure(): Promise<Transport | undefined> {
    if (this.transport) return this.transport;
    // One attempt at a time: requests made meanwhile wait on it rather than start their own.
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return within(this.connecting, CONNECT_BUDGET_MS);
  }

  close(): void {
    this.dropReady();
    this.transport?.close();
  }

  /**
   * Sends `message`, whose JSON-RPC id is `id`; `done` gets the answer to that id, or an error
   * once `deadlineMs` has passed without one.
   */
  private call(
    id: number,
    message: ExtensionToHost,
    deadlineMs: number,
    done: (answer: HostAnswer) => void,
  ): void {
    // The frame is built here, so its size is checked here, in bytes of UTF-8 as both transports
    // carry it: the host refuses a larger frame by dropping the whole connection (the native relay
    // exits, the WebSocket closes 1009), which would fail every tab and close every approval.
    if (!fitsUtf8(JSON.stringify(message), MAX_INBOUND_FRAME_BYTES)) {
      done({ error: new InvalidRequestError("Request too large").toRpcError() });
      return;
    }
    // Connected (nearly always): sent at once, with no await in between.
    if (this.transport) this.send(this.transport, id, message, deadlineMs, done);
    else
      void this.ensure().then((transport) =>
        transport ? this.send(transport, id, message, deadlineMs, done) : done(disconnected()),
      );
  }

  private send(
    transport: Transport,
    id: number,
    message: ExtensionToHost,
    deadlineMs: number,
    done: (answer: HostAnswer) => void,
  ): void {
    this.pending.add(id, deadlineMs, done);
    try {
      transport.send(message);
    } catch {
      this.pending.remove(id);
      done(disconnected());
    }
  }

  private async connect(): Promise<Transport | undefined> {
    const deadline = Date.now() + ATTEMPT_MS;
    const reasons: string[] = [];
    const causes: unknown[] = [];
    for (const connector of this.connectors) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let current: Transport | undefined;
      const handlers: TransportHandlers = {
        onMessage: (message) => this.onMessage(message),
        onClose: (reason) => {
          if (current && this.transport === current) this.lost(reason);
        },
      };
      try {
        current = await withTimeout(connector.connect(handlers), left);
        this.adopt(current);
        return current;
      } catch (error) {
        reasons.push(`${connector.kind}: ${(error as Error).message}`);
        causes.push(error);
      }
    }
    this.listener.onStatus("disconnected", reasons.join("; ") || "no transport", causes);
    return undefined;
  }

  private adopt(transport: Transport): void {
    this.transport = transport;
    this.retryMs = RETRY_FIRST_MS;
    clearTimeout(this.retryTimer);
    clearInterval(this.preferTimer);
    this.preferTimer = undefined;
    this.preferWhenIdle = false;
    // On a fallback, keep trying the transports before it, and move back when one works.
    if (this.rank(transport) > 0)
      this.preferTimer = setInterval(() => void this.tryPreferred(), PREFER_FIRST_EVERY_MS);
    this.listener.onStatus(transport.kind);
  }

  /**
   * Requests in flight belong to the current transport (their answers, and approvals the host
   * holds for them, come back on it), so the switch happens only when none is. A tick that finds
   * some tries again the moment the last is answered, not a whole period later.
   */
  private async tryPreferred(): Promise<void> {
    const current = this.transport;
    const rank = current ? this.rank(current) : 0;
    if (this.preferring || this.ready || rank <= 0) return;
    if (this.pending.size > 0) {
      this.preferWhenIdle = true;
      return;
    }
    this.preferring = true;
    try {
      for (const connector of this.connectors.slice(0, rank)) {
        let next: Transport | undefined;
        try {
          next = await withTimeout(
            connector.connect({
              onMessage: (message) => this.onMessage(message),
              onClose: (reason) => {
                if (next && this.ready === next) this.ready = undefined;
                if (next && this.transport === next) this.lost(reason);
              },
            }),
            CONNECT_BUDGET_MS,
          );
        } catch {
          continue;
        }
        if (this.transport !== current)
          next.close(); // lost or replaced meanwhile
        else if (this.pending.size > 0)
          this.ready = next; // requests came while it connected
        else this.switchTo(next);
        return;
      }
    } finally {
      this.preferring = false;
    }
  }

  /** The transport's place in the order of preference (0: native messaging). */
  private rank(transport: Transport): number {
    return this.connectors.findIndex((c) => c.kind === transport.kind);
  }

  private switchTo(next: Transport): void {
    const old = this.transport;
    this.adopt(next);
    old?.close();
  }

  /** The last request in flight was answered: a return to the preferred transport waiting for that goes on. */
  private idle(): void {
    if (this.ready) {
      const next = this.ready;
      this.ready = undefined;
      this.switchTo(next);
    } else if (this.preferWhenIdle) {
      this.preferWhenIdle = false;
      void this.tryPreferred();
    }
  }

  private dropReady(): void {
    const ready = this.ready;
    this.ready = undefined;
    ready?.close();
  }

  private lost(reason: string): void {
    this.transport = undefined;
    clearInterval(this.preferTimer);
    this.preferTimer = undefined;
    this.preferWhenIdle = false;
    this.dropReady();
    this.pending.failAll(disconnected);
    this.listener.onStatus("disconnected", reason, [reason]);
    this.scheduleRetry();
  }

  /** While pages are open, come back by ourselves so they get `connect` again. */
  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    if (!this.listener.wanted()) return;
    this.retryTimer = setTimeout(async () => {
      if (this.transport || !this.listener.wanted()) return;
      if (!(await this.ensure())) this.scheduleRetry();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private onMessage(message: HostToExtension): void {
    if (message.type === "rpc" || message.type === "ui") {
      if (Array.isArray(message.payload)) for (const raw of message.payload) this.pending.answer(raw);
      else this.pending.answer(message.payload);
      return;
    }
    this.listener.onHostMessage(message);
  }
}

/** What `promise` gives within `ms`, or undefined. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/**
 * `connect` within `ms`. A transport that arrives after the deadline is closed at once, so a
 * slow connector never leaves a second, forgotten link to the host behind.
 */
function withTimeout(connect: Promise<Transport>, ms: number): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error("timed out"));
    }, ms);
    connect.then(
      (transport) => {
        clearTimeout(timer);
        if (late) transport.close();
        else resolve(transport);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
