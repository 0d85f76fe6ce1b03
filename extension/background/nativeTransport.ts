import type { Hello } from "../../protocol/messages.js";
import { NativePort } from "./nativePort.js";
import { parseHostMessage } from "./parseHostMessage.js";
import type { Transport, TransportHandlers } from "./Transport.js";

/** The host must say hello this quickly, or native messaging is taken as unavailable. */
const HELLO_TIMEOUT_MS = 4000;

export class NativeUnavailableError extends Error {
  override name = "NativeUnavailableError";
}

/**
 * Connects over native messaging and resolves once the host's `hello` arrives; `opened` is a
 * port already opened and greeted (the worker's early one), else one is opened here. Chrome
 * reports "Specified native messaging host not found." and friends only through onDisconnect;
 * Firefox through `port.error`: both become a rejection with the browser's message.
 */
export function connectNative(
  handlers: TransportHandlers,
  hello: Hello,
  opened?: NativePort,
): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let port: NativePort;
    try {
      port = opened ?? new NativePort(hello);
    } catch (error) {
      reject(new NativeUnavailableError((error as Error).message));
      return;
    }
    let ready = false;
    const transport: Transport = {
      kind: "native",
      send: (message) => port.post(message),
      close: () => port.disconnect(),
    };
    const timer = setTimeout(() => {
      port.disconnect();
      reject(new NativeUnavailableError("the native host did not answer"));
    }, HELLO_TIMEOUT_MS);
    port.listen({
      onMessage(raw) {
        const message = parseHostMessage(raw);
        if (!message) return;
        if (!ready) {
          if (message.type !== "hello") return;
          ready = true;
          clearTimeout(timer);
          resolve(transport);
        }
        handlers.onMessage(message);
      },
      onDisconnect(reason) {
        clearTimeout(timer);
        if (!ready) reject(new NativeUnavailableError(reason));
        else handlers.onClose(reason);
      },
    });
  });
}
