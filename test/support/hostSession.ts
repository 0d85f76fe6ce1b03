import type { NativeClient } from "./nativeClient.js";

type Reply = { payload: { id: number; result?: unknown; error?: { code: number; message: string } } };

let nextId = 1000;

/** One `vaughan_*` call as an extension page makes it; resolves to { result } or { error }. */
export async function uiCall(
  client: NativeClient,
  method: string,
  params: unknown[] = [],
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const id = nextId++;
  client.send({ v: 1, type: "ui", payload: { jsonrpc: "2.0", id, method, params } });
  const reply = await client.next<Reply>(
    (m) => m.type === "ui" && (m.payload as { id?: number }).id === id,
    30_000,
  );
  const { result, error } = reply.payload;
  return error ? { error } : { result };
}

/** Sends a page's request; returns a function that waits for its answer. */
export function rpcSend(
  client: NativeClient,
  origin: string,
  method: string,
  params: unknown[] = [],
): () => Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const id = nextId++;
  client.send({ v: 1, type: "rpc", origin, payload: { jsonrpc: "2.0", id, method, params } });
  return async () => {
    const reply = await client.next<Reply>(
      (m) => m.type === "rpc" && (m.payload as { id?: number }).id === id,
      30_000,
    );
    const { result, error } = reply.payload;
    return error ? { error } : { result };
  };
}

/** Waits for the host's next approval of `kind` and answers it as a person would. */
export async function answerApproval(
  client: NativeClient,
  kind: string,
  approved: boolean,
  accounts?: string[],
): Promise<{ approvalId: string; origin: string; details: Record<string, unknown> }> {
  const approval = await client.next<{
    approvalId: string;
    origin: string;
    details: Record<string, unknown>;
  }>((m) => m.type === "approval" && m.kind === kind, 30_000);
  client.send({ v: 1, type: "approval-result", approvalId: approval.approvalId, approved, accounts });
  return approval;
}
