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
  type JsonRpcRequest,
} from "../../../protocol/messages.js";
import { isMethodName } from "../../../protocol/methods.js";
import { isWebOrigin } from "../../../protocol/origin.js";
import type { Log } from "../log.js";
import { HANDLERS } from "../rpc/handlers.js";
import { handleJsonRpc } from "../rpc/jsonRpc.js";
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

  /** One frame's text from `session`. Never throws. */
  async onText(session: Session, text: string): Promise<void> {
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
    await this.onMessage(session, message);
  }

  async onMessage(session: Session, message: ExtensionToHost): Promise<void> {
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
          const credential = credentialForNativeSession(this.wallet.home, session, message.origin);
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
        const payload = await this.answer(message.payload, (request) =>
          uiHandler(request.method)(this.wallet, requireArray(request.params), session),
        );
        if (payload !== undefined) session.send({ v: PROTOCOL_VERSION, type: "ui", payload });
        return;
      }
      case "rpc": {
        const { origin } = message;
        const payload = await this.answer(message.payload, (request) => this.call(session, origin, request));
        if (payload !== undefined) session.send({ v: PROTOCOL_VERSION, type: "rpc", origin, payload });
        return;
      }
    }
  }

  private async answer(payload: unknown, call: (request: JsonRpcRequest) => Promise<unknown>) {
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

  private async call(session: Session, origin: string, request: JsonRpcRequest): Promise<unknown> {
    const started = Date.now();
    this.counters.requests++;
    let outcome = "ok";
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
      return await HANDLERS[request.method]({ origin, session, wallet: this.wallet }, args);
    } catch (error) {
      outcome = String(toRpcError(error).code);
      this.counters.errors++;
      throw error;
    } finally {
      // Method and outcome only: params (messages, transactions) and results are never logged.
      // Written once the answer is on its way: the page need not wait for a write(2).
      const line = { event: "request", origin, method: request.method, outcome, ms: Date.now() - started };
      setImmediate(() => this.log(line));
    }
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
