import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import {
  InvalidParamsError,
  InvalidRequestError,
  MethodNotFoundError,
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
} from "../../../protocol/messages.js";
import { isMethodName } from "../../../protocol/methods.js";
import { isWebOrigin } from "../../../protocol/origin.js";
import type { Log } from "../log.js";
import { HANDLERS } from "../rpc/handlers.js";
import { type Answer, type Awaitable, handleJsonRpc } from "../rpc/jsonRpc.js";
import { HostLimits } from "../rpc/limits.js";
import { requireArray, uiHandler } from "../rpc/uiHandlers.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";
import { credentialForNativeSession } from "./credentialHandoff.js";

/**
 * The host's edge for one extension connection, whatever the transport: parses each envelope
 * once, then hands typed values inward. Bad input is answered, logged and survived.
 */
export class ExtensionHandler {
  constructor(
    private readonly wallet: Wallet,
    private readonly log: Log,
    private readonly counters: { requests: number; errors: number },
    private readonly startedAt: number,
    private readonly sessionCount: () => number,
    private readonly limits = new HostLimits(wallet.approvals.rejections),
  ) {}

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
    switch (message.type) {
      case "hello": {
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
        this.wallet.approvals.answer(session, message.approvalId, message.approved, message.accounts);
        return;
      case "ui": {
        const answer = this.answer(message.payload, (request) =>
          uiHandler(request.method)(this.wallet, requireArray(request.params), session),
        );
        this.reply(session, answer, (payload) => ({ v: PROTOCOL_VERSION, type: "ui", payload }));
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

  /** Sends the answer (none for notifications) at once when it is ready, else when it settles. */
  private reply(
    session: Session,
    answer: Awaitable<Answer>,
    envelope: (payload: NonNullable<Answer>) => HostToExtension,
  ): void {
    const send = (payload: Answer) => {
      if (payload === undefined) return;
      try {
        session.send(envelope(payload));
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

  private answer(payload: unknown, call: (request: JsonRpcRequest) => unknown): Awaitable<Answer> {
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
    const started = Date.now();
    this.counters.requests++;
    let result: unknown;
    try {
      // Layer 2 re-checks what the background checked: a web origin, a known method.
      if (!isWebOrigin(origin)) throw new UnauthorizedError("This origin cannot use the wallet");
      if (!isMethodName(request.method))
        throw new MethodNotFoundError(`The method ${request.method} does not exist / is not available`);
      this.limits.check(session.id, origin, request.method);
      const params = request.params;
      if (params !== undefined && !Array.isArray(params) && request.method !== "wallet_watchAsset") {
        throw new InvalidParamsError("Invalid params: expected an array");
      }
      // wallet_watchAsset alone takes an object (EIP-747); its handler validates either shape.
      const args = Array.isArray(params) ? params : params === undefined ? [] : [params];
      result = HANDLERS[request.method]({ origin, session, wallet: this.wallet }, args);
    } catch (error) {
      throw this.failed(origin, request.method, started, error);
    }
    if (!(result instanceof Promise)) {
      this.logRequest(origin, request.method, started, "ok");
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
  private failed(origin: string, method: string, started: number, error: unknown): unknown {
    this.counters.errors++;
    this.logRequest(origin, method, started, String(toRpcError(error).code));
    return error;
  }

  /**
   * Method and outcome only: params (messages, transactions) and results are never logged.
   * Queued (log.soon): the page need not wait for a write(2), and a burst shares one.
   */
  private logRequest(origin: string, method: string, started: number, outcome: string): void {
    this.log.soon({ event: "request", origin, method, outcome, ms: Date.now() - started });
  }

  health(): Record<string, unknown> {
    return {
      uptimeMs: Date.now() - this.startedAt,
      sessions: this.sessionCount(),
      requests: this.counters.requests,
      errors: this.counters.errors,
      pendingApprovals: this.wallet.approvals.size,
      locked: this.wallet.locked,
    };
  }
}
