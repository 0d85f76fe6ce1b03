import browser from "webextension-polyfill";
import { UI_PORT_NAME } from "../../protocol/constants.js";
import { type UiReply, UiReplySchema, type UiRequest } from "../shared/uiMessages.js";

/** Thrown when the background or the host answers with an error. */
export class UiCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

let port: browser.Runtime.Port | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: UiReply) => void>();

function connect(): browser.Runtime.Port {
  if (port) return port;
  const next = browser.runtime.connect({ name: UI_PORT_NAME });
  next.onMessage.addListener((raw: unknown) => {
    const reply = UiReplySchema.safeParse(raw);
    if (!reply.success) return;
    waiting.get(reply.data.id)?.(reply.data);
    waiting.delete(reply.data.id);
  });
  next.onDisconnect.addListener(() => {
    port = undefined;
    for (const resolve of waiting.values())
      resolve({ id: 0, error: { code: 4900, message: "Disconnected" } });
    waiting.clear();
  });
  port = next;
  return next;
}

/** One request to the background; resolves with its result or throws UiCallError. */
export function send(request: WithoutId<UiRequest>): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      if ("error" in reply) reject(new UiCallError(reply.error.code, reply.error.message));
      else resolve(reply.result);
    });
    connect().postMessage({ ...request, id });
  });
}

/** A `vaughan_*` call to the host. */
export function hostCall(method: string, params: unknown[] = []): Promise<unknown> {
  return send({ type: "ui", method, params });
}

/** `document.createElement` with text and attributes; text is always set as text, never HTML. */
export function el(
  tag: string,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}
