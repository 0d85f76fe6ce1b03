// The tests start anvil exactly as the demo does: one implementation in scripts/lib/anvil.mjs
// (a real local chain on 127.0.0.1 and a free port; the test account mnemonic is anvil's default).
export { type Anvil, startAnvil } from "../../scripts/lib/anvil.mjs";

/** One JSON-RPC call straight to anvil (to mine, or to check what the wallet broadcast). */
export async function anvilRpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`anvil ${method}: ${body.error.message}`);
  return body.result;
}
