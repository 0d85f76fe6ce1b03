import browser from "webextension-polyfill";
import { NATIVE_HOST_NAME, PROTOCOL_VERSION } from "../../protocol/constants.js";
import type { Hello } from "../../protocol/messages.js";
import { parseHostMessage } from "./parseHostMessage.js";
import type { Transport, TransportHandlers } from "./Transport.js";

/** The host must say hello this quickly, or native messaging is taken as unavailable. */
const HELLO_TIMEOUT_MS = 4000;

export class NativeUnavailableError extends Error {
  override name = "NativeUnavailableError";
}

/**
 * Connects over native messaging and resolves once the host's `hello` arrives. Chrome reports
 * "Specified native messaging host not found." and friends only through onDisconnect; Firefox
 * through `port.error`: both become a rejection with the browser's message.
 */
export function connectNative(
  handlers: TransportHandlers,
  hello: { extension: string; browser: string; origin: string },
): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let port: browser.Runtime.Port;
    try {
      port = browser.runtime.connectNative(NATIVE_HOST_NAME);
    } catch (error) {
      reject(new NativeUnavailableError((error as Error).message));
      return;
    }
    let ready = false;
    const transport: Transport = {
      kind: "native",
      send: (message) => port.postMessage(message),
      close: () => port.disconnect(),
    };
    const timer = setTimeout(() => {
      port.disconnect();
      reject(new NativeUnavailableError("the native host did not answer"));
    }, HELLO_TIMEOUT_MS);
    port.onMessage.addListener((raw: unknown) => {
      const message = parseHostMessage(raw);
      if (!message) return;
      if (!ready) {
        if (message.type !== "hello") return;
        ready = true;
        clearTimeout(timer);
        resolve(transport);
      }
      handlers.onMessage(message);
    });
    port.onDisconnect.addListener((p: browser.Runtime.Port) => {
      const reason =
        (p as { error?: { message?: string } }).error?.message ??
        (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome?.runtime
          ?.lastError?.message ??
        "Native host has exited.";
      clearTimeout(timer);
      if (!ready) reject(new NativeUnavailableError(reason));
      else handlers.onClose(reason);
    });
    port.postMessage({ v: PROTOCOL_VERSION, type: "hello", role: "extension", ...hello } satisfies Hello);
  });
}
