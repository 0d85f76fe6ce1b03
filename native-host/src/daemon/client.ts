import { connect } from "node:net";
import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import { fromRpcError } from "../../../protocol/errors.js";
import { parseJson } from "../../../protocol/json.js";
import { type Hello, HostToExtensionSchema, JsonRpcResponseSchema } from "../../../protocol/messages.js";
import { FramedSocket } from "./FramedSocket.js";
import { socketPath } from "./paths.js";

/**
 * One `vaughan_*` call to the running daemon over its local socket (the CLI's `unlock`,
 * `lock`, `status`). Rejects with the daemon's error, or when no daemon runs.
 */
export function callDaemon(
  home: string,
  method: string,
  params: unknown[] = [],
  timeoutMs = 30_000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath(home));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("the daemon did not answer"));
    }, timeoutMs);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      socket.end();
      fn();
    };
    socket.once("error", (error) => finish(() => reject(error)));
    const framed = new FramedSocket(socket, {
      onText: (text) => {
        const message = HostToExtensionSchema.safeParse(parseJson(text));
        if (!message.success || message.data.type !== "ui") return;
        const response = JsonRpcResponseSchema.safeParse(message.data.payload);
        if (!response.success) return finish(() => reject(new Error("malformed answer from the daemon")));
        const body = response.data;
        if ("error" in body) finish(() => reject(fromRpcError(body.error)));
        else finish(() => resolve(body.result));
      },
      onBadFrame: () => undefined,
      onFatal: (error) => finish(() => reject(error)),
    });
    socket.once("connect", () => {
      framed.send({ v: PROTOCOL_VERSION, type: "hello", role: "cli" } satisfies Hello);
      framed.send({ v: PROTOCOL_VERSION, type: "ui", payload: { jsonrpc: "2.0", id: 1, method, params } });
    });
  });
}
