import { connect } from "node:net";
import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import { fromRpcError } from "../../../protocol/errors.js";
import { parseJson } from "../../../protocol/json.js";
import { type Hello, HostToExtensionSchema, JsonRpcResponseSchema } from "../../../protocol/messages.js";
import { UI_CALLS, type UiMethod, type UiParams, type UiResult } from "../../../protocol/ui.js";
import { FramedSocket } from "./FramedSocket.js";
import { socketPath } from "./paths.js";
import { proveServer } from "./serverProof.js";

/**
 * One `vaughan_*` call to the running daemon over its local socket (the CLI's `unlock`,
 * `lock`, `status`). Rejects with the daemon's error, or when no daemon runs.
 */
export function callDaemon<M extends UiMethod>(
  home: string,
  method: M,
  params: UiParams<M> = [] as UiParams<M>,
  timeoutMs = 30_000,
): Promise<UiResult<M>> {
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
    // Attached only once the server proved itself: nothing it says before counts.
    const attach = () =>
      new FramedSocket(socket, {
        onText: (text) => {
          const message = HostToExtensionSchema.safeParse(parseJson(text));
          if (!message.success || message.data.type !== "ui") return;
          const response = JsonRpcResponseSchema.safeParse(message.data.payload);
          if (!response.success) return finish(() => reject(new Error("malformed answer from the daemon")));
          const body = response.data;
          if ("error" in body) return finish(() => reject(fromRpcError(body.error)));
          const result = UI_CALLS[method].result.safeParse(body.result);
          if (!result.success) return finish(() => reject(new Error("malformed answer from the daemon")));
          // TypeScript cannot tie a table entry to its generic key; the schema parsed is M's own.
          finish(() => resolve(result.data as UiResult<M>));
        },
        onBadFrame: () => undefined,
        onFatal: (error) => finish(() => reject(error)),
      });
    socket.once("connect", () => {
      // Nothing, a password least of all, goes to a server that cannot prove it is our daemon.
      proveServer(socket, home).then(
        () => {
          const framed = attach();
          framed.send({ v: PROTOCOL_VERSION, type: "hello", role: "cli" } satisfies Hello);
          framed.send({
            v: PROTOCOL_VERSION,
            type: "ui",
            payload: { jsonrpc: "2.0", id: 1, method, params },
          });
        },
        (error: Error) => finish(() => reject(error)),
      );
    });
  });
}
