import { MAX_OUTBOUND_FRAME_BYTES, PROTOCOL_VERSION } from "../../../protocol/constants.js";
import type { DaemonHealth } from "../../../protocol/daemonHealth.js";
import {
  InvalidParamsError,
  InvalidRequestError,
  LimitExceededError,
  MethodNotFoundError,
  ResourceUnavailableError,
  toRpcError,
  UnauthorizedError,
} from "../../../protocol/errors.js";
import { isRpcEnvelope } from "../../../protocol/guards.js";
import { parseJson } from "../../../protocol/json.js";
import {
  type ExtensionToHost,
  ExtensionToHostSchema,
  type HostToExtension,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type Role,
} from "../../../protocol/messages.js";
import { isMethodName } from "../../../protocol/methods.js";
import { isWebOrigin } from "../../../protocol/origin.js";
import { FrameTooLargeError } from "../framing.js";
import type { Log } from "../log.js";
import { type Awaitable, handleJsonRpc, type JsonRpcReply } from "../rpc/jsonRpc.js";
import { HostLimits } from "../rpc/limits.js";
import { HANDLERS } from "../rpc/methodHandlers.js";
import { requireArray, uiHandler } from "../rpc/uiHandlers.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";
import { credentialForNativeSession } from "./credentialHandoff.js";
import { MethodStats, type Refusal } from "./MethodStats.js";
import { SiteStateMirror } from "./SiteStateMirror.js";

/** Answered from the state the background mirrors (extension/background/SiteStateCache.ts). */
const MIRRORED: ReadonlySet<string> = new Set(["eth_chainId", "net_version", "eth_accounts"]);

/**
 * What each role may send. The CLI manages the wallet and answers nothing: a process that
 * connects as the CLI can neither make a page's request nor approve one (it would otherwise
 * send `rpc` for any origin and answer its own approval).
 */
const ROLE_MAY_SEND: Record<Role, ReadonlySet<ExtensionToHost["type"]>> = {
  extension: new Set(["hello", "rpc", "ui", "approval-result", "health"]),
  cli: new Set(["ui", "health"]),
};

/** The same answer, each response in it replaced by an error saying it was too large to carry. */
function tooLarge(payload: NonNullable<JsonRpcReply>): NonNullable<JsonRpcReply> {
  const error = new LimitExceededError(
    `The answer is over ${MAX_OUTBOUND_FRAME_BYTES} bytes, more than the wallet can carry; ask for less`,
  ).toRpcError();
  const one = (response: JsonRpcResponse) => ({ jsonrpc: "2.0" as const, id: response.id, error });
  return Array.isArray(payload) ? payload.map(one) : one(payload);
}

/**
 * The host's edge for one extension connection, whatever the transport: parses each envelope
 * once, then hands typed values inward. Bad input is answered, logged and survived.
 */
export class ExtensionHandler {
  private readonly siteState: SiteStateMirror;

  constructor(
    private readonly wallet: Wallet,
    private readonly log: Log,
    private readonly counters: { requests: number; errors: number },
    private readonly startedAt: number,
    private readonly sessions: () => ReadonlySet<Session>,
    private readonly limits = new HostLimits(wallet.approvals.rejections),
  ) {
    this.siteState = new SiteStateMirror(wallet);
  }

  /** Before an event leaves: every background learns the state change the event announces. */
  syncSiteState(): void {
    this.siteState.sync();
  }

  sessionClosed(session: Session): void {
    this.siteState.forget(session);
  }

  private readonly stats = new MethodStats();

  /**
   * One frame's text from `session`. Never throws. An answer that needs no I/O is sent before
   * this returns; one that waits (an approval, the chain) is sent when it settles.
   */
  onText(session: Session, text: string): void {
    let message: ExtensionToHost;
    try {
      const value = parseJson(text);
      // The common envelope takes the hand-written check (protocol/guards.ts says why).
      if (isRpcEnvelope(value)) message = value;
      else {
        const parsed = ExtensionToHostSchema.safeParse(value);
        if (!parsed.success) throw new InvalidRequestError("Invalid envelope");
        message = parsed.data;
      }
    } catch (error) {
      this.counters.errors++;
      this.log({ event: "bad-envelope", session: session.id, code: toRpcError(error).code });
      session.send({ v: PROTOCOL_VERSION, type: "error", error: toRpcError(error) });
      return;
    }
    try {
      this.onMessage(session, message);
    } catch (error) {
      this.handlerError(session, error);
    }
  }

  private onMessage(session: Session, message: ExtensionToHost): void {
    if (!ROLE_MAY_SEND[session.role].has(message.type)) {
      this.refuse(session, message.type);
      return;
    }
    switch (message.type) {
      case "hello": {
        // The connection's first hello fixed its role (only an extension says hello again).
        if (message.role !== "extension") {
          this.refuse(session, "hello");
          return;
        }
        this.log({
          event: "hello",
          session: session.id,
          extension: message.extension,
          browser: message.browser,
        });
        if (message.origin === undefined) return;
        try {
          const credential = credentialForNativeSession(this.wallet.home, session, message.origin, this.log);
          if (credential) session.send({ v: PROTOCOL_VERSION, type: "credential", credential });
        } catch (error) {
          // The fallback stays unpaired (say, a data folder with wrong permissions); native works.
          this.log({
            event: "credential-unavailable",
            session: session.id,
            message: (error as Error).message,
          });
        }
        return;
      }
      case "health":
        session.send({ v: PROTOCOL_VERSION, type: "health", data: this.health() });
        return;
      case "approval-result":
        {
          const { v: _v, type: _type, approvalId, approved, ...extras } = message;
          const result = this.wallet.approvals.answer(session, approvalId, approved, extras);
          // Logged: a window that let approve through without the acknowledgement is a bug to find.
          if (result === "unacknowledged")
            this.log({ event: "approval-unacknowledged", session: session.id, approvalId });
        }
        return;
      case "ui": {
        // The daemon's own profile lives here, not in the wallet the ui handlers see.
        const answer = this.answer(message.payload, (request) =>
          request.method === "vaughan_health"
            ? this.profile()
            : uiHandler(request.method)(this.wallet, requireArray(request.params), session),
        );
        this.reply(session, answer, (payload) => ({ v: PROTOCOL_VERSION, type: "ui", payload }));
        // An extension page may change what sites see without an event (the CLI's reload of a
        // new default chain, say): the backgrounds' copies follow.
        if (answer instanceof Promise) void answer.then(() => this.siteState.sync());
        else this.siteState.sync();
        return;
      }
      case "rpc": {
        const { origin } = message;
        const answer = this.answer(message.payload, (request) => this.call(session, origin, request));
        this.reply(session, answer, (payload) => ({ v: PROTOCOL_VERSION, type: "rpc", origin, payload }));
        return;
      }
    }
  }

  /** A message this connection's role may not send: refused, logged, and the connection keeps serving. */
  private refuse(session: Session, type: ExtensionToHost["type"]): void {
    this.counters.errors++;
    this.log({ event: "refused-for-role", session: session.id, role: session.role, type });
    const error = new UnauthorizedError(`A ${session.role} connection cannot send ${type}`);
    session.send({ v: PROTOCOL_VERSION, type: "error", error: error.toRpcError() });
  }

  /** Sends the answer (none for notifications) at once when it is ready, else when it settles. */
  private reply(
    session: Session,
    answer: Awaitable<JsonRpcReply>,
    envelope: (payload: NonNullable<JsonRpcReply>) => HostToExtension,
  ): void {
    const send = (payload: JsonRpcReply) => {
      if (payload === undefined) return;
      try {
        try {
          session.send(envelope(payload));
        } catch (error) {
          // An answer no frame can carry (a wide eth_getLogs) is an error for its request, at
          // once; dropped, it would leave the page waiting.
          if (!(error instanceof FrameTooLargeError)) throw error;
          this.log({ event: "answer-too-large", session: session.id });
          session.send(envelope(tooLarge(payload)));
        }
      } catch (error) {
        this.handlerError(session, error);
      }
    };
    if (answer instanceof Promise) void answer.then(send);
    else send(answer);
  }

  /** A bug (an answer that does not serialize, say): logged, and the connection keeps serving. */
  private handlerError(session: Session, error: unknown): void {
    this.log({ event: "handler-error", session: session.id, message: String(error) });
  }

  private answer(payload: unknown, call: (request: JsonRpcRequest) => unknown): Awaitable<JsonRpcReply> {
    let value = payload;
    if (typeof payload === "string") {
      try {
        value = parseJson(payload);
      } catch (error) {
        return { jsonrpc: "2.0" as const, id: null, error: toRpcError(error) };
      }
    }
    return handleJsonRpc(value, call);
  }

  /** Layer 2's checks, then the handler; its value now, or a promise when it waits. */
  private call(session: Session, origin: string, request: JsonRpcRequest): unknown {
    const started = performance.now();
    this.counters.requests++;
    let result: unknown;
    let braked = false;
    try {
      // Layer 2 re-checks what the background checked: a web origin, a known method.
      if (!isWebOrigin(origin)) throw new UnauthorizedError("This origin cannot use the wallet");
      if (!isMethodName(request.method))
        throw new MethodNotFoundError(`The method ${request.method} does not exist / is not available`);
      const connected = this.wallet.sites.permittedAccounts(origin).length > 0;
      try {
        this.limits.check(session.id, origin, request.method, connected);
      } catch (error) {
        // The limits refuse with -32005 (a budget) or 4100 (the site is braked after rejections).
        braked = error instanceof UnauthorizedError;
        throw error;
      }
      const params = request.params;
      if (params !== undefined && !Array.isArray(params) && request.method !== "wallet_watchAsset") {
        throw new InvalidParamsError("Invalid params: expected an array");
      }
      // wallet_watchAsset alone takes an object (EIP-747): it arrives as the one element of an array.
      const args = Array.isArray(params) ? params : params === undefined ? [] : [params];
      result = HANDLERS[request.method]({ origin, session, wallet: this.wallet }, args);
    } catch (error) {
      throw this.failed(origin, request.method, started, error, braked);
    }
    if (!(result instanceof Promise)) {
      this.logRequest(origin, request.method, started, "ok");
      // Sent before this answer, so the background answers the next one itself.
      if (MIRRORED.has(request.method)) {
        try {
          this.siteState.hold(session, origin);
        } catch (error) {
          // The answer still goes; the background asks the host again next time.
          this.handlerError(session, error);
        }
      }
      return result;
    }
    return result.then(
      (value) => {
        this.logRequest(origin, request.method, started, "ok");
        return value;
      },
      (error) => {
        throw this.failed(origin, request.method, started, error);
      },
    );
  }

  /** Counts and logs a failed request; returns the error for the caller to throw. */
  private failed(origin: string, method: string, started: number, error: unknown, braked = false): unknown {
    this.counters.errors++;
    const refusal: Refusal | undefined =
      error instanceof LimitExceededError
        ? "rateLimit"
        : error instanceof ResourceUnavailableError
          ? "pending"
          : braked
            ? "rejectionBrake"
            : undefined;
    this.logRequest(origin, method, started, String(toRpcError(error).code), refusal);
    return error;
  }

  /**
   * Method and outcome only: params (messages, transactions) and results are never logged.
   * Queued (log.soon): the page need not wait for a write(2), and a burst shares one. The
   * profile counts it under its method, or under "(unknown)" for a name outside the table,
   * so a page cannot grow it without bound.
   */
  private logRequest(
    origin: string,
    method: string,
    started: number,
    outcome: string,
    refusal?: Refusal,
  ): void {
    const ms = performance.now() - started;
    this.stats.record(isMethodName(method) ? method : "(unknown)", ms, refusal);
    this.log.soon({ event: "request", origin, method, outcome, ms: Math.round(ms) });
  }

  health(): Record<string, unknown> {
    return {
      uptimeMs: Date.now() - this.startedAt,
      sessions: this.sessions().size,
      requests: this.counters.requests,
      errors: this.counters.errors,
      pendingApprovals: this.wallet.approvals.size,
      locked: this.wallet.locked,
    };
  }

  /** The daemon's health and per-method profile since start (`status`): counts, never origins. */
  profile(): DaemonHealth {
    const connections = { native: 0, websocket: 0, cli: 0 };
    for (const session of this.sessions()) connections[session.role === "cli" ? "cli" : session.transport]++;
    const memory = process.memoryUsage();
    return {
      uptimeMs: Date.now() - this.startedAt,
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      connections,
      requests: this.counters.requests,
      errors: this.counters.errors,
      pendingApprovals: this.wallet.approvals.size,
      methods: this.stats.snapshot(),
    };
  }
}
