import browser from "webextension-polyfill";
import type * as z from "zod";
import { UI_PORT_NAME } from "../../protocol/constants.js";
import {
  BACKGROUND_RESULTS,
  type BackgroundRequestType,
  type BackgroundResult,
  UI_CALLS,
  type UiMethod,
  type UiParams,
  type UiPush,
  UiPushSchema,
  type UiReply,
  UiReplySchema,
  type UiRequest,
  type UiResult,
} from "../../protocol/ui.js";

/** Thrown when the background or the host answers with an error, or with a result of the wrong shape. */
export class UiCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type BackgroundRequest<T extends BackgroundRequestType> = WithoutId<Extract<UiRequest, { type: T }>>;

let port: browser.Runtime.Port | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: UiReply) => void>();
const pushListeners = new Set<(push: UiPush) => void>();

/** Calls `listener` with each message the background pushes unasked (an approval's update). */
export function onPush(listener: (push: UiPush) => void): () => void {
  pushListeners.add(listener);
  return () => pushListeners.delete(listener);
}

function connect(): browser.Runtime.Port {
  if (port) return port;
  const next = browser.runtime.connect({ name: UI_PORT_NAME });
  next.onMessage.addListener((raw: unknown) => {
    const push = UiPushSchema.safeParse(raw);
    if (push.success) {
      for (const listener of pushListeners) listener(push.data);
      return;
    }
    const reply = UiReplySchema.safeParse(raw);
    const id = reply.success ? reply.data.id : (raw as { id?: unknown } | null)?.id;
    if (typeof id !== "number") return;
    // A reply of the wrong shape still settles its call, as an error, so nothing waits forever.
    waiting.get(id)?.(
      reply.success ? reply.data : { id, error: { code: -32603, message: "Malformed reply" } },
    );
    waiting.delete(id);
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

/** One request over the port; resolves with the result parsed by `schema`, or throws UiCallError. */
function request(message: WithoutId<UiRequest>, schema: z.ZodType): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      if ("error" in reply) return reject(new UiCallError(reply.error.code, reply.error.message));
      const result = schema.safeParse(reply.result);
      if (result.success) resolve(result.data);
      else reject(new UiCallError(-32603, "Malformed result"));
    });
    connect().postMessage({ ...message, id });
  });
}

/** A request the background answers itself (`transport`, `pair`, `approval-get`, `approval-answer`). */
export function send<T extends BackgroundRequestType>(
  message: BackgroundRequest<T> & { type: T },
): Promise<BackgroundResult<T>> {
  // TypeScript cannot tie a table entry to its generic key; the schema parsed is T's own.
  return request(message, BACKGROUND_RESULTS[message.type]) as Promise<BackgroundResult<T>>;
}

/** A `vaughan_*` call to the host; params may be left out when the call takes none. */
export function hostCall<M extends UiMethod>(
  method: M,
  ...params: [] extends UiParams<M> ? [params?: UiParams<M>] : [params: UiParams<M>]
): Promise<UiResult<M>> {
  return request({ type: "ui", method, params: params[0] ?? [] }, UI_CALLS[method].result) as Promise<
    UiResult<M>
  >;
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
