import type { ChildProcess } from "node:child_process";
import { startBareServer } from "./wsBench.js";

/**
 * The floor of "signing after approval": a bare `ws` server in its own process, as the daemon
 * is, with the same hops as ours and none of our logic. It answers a `personal_sign` envelope
 * with an approval prompt and, on the answer, signs with viem's `signMessage` on an account
 * made once at start (our vault keeps its accounts while unlocked) and replies. No schemas,
 * limits, log or approval bookkeeping: what is left over ours is exactly what they cost.
 */
const BARE_SIGNER = `
import { WebSocketServer } from "ws";
import { privateKeyToAccount } from "viem/accounts";
// anvil's first development key: the bench vault's first account.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
server.on("listening", () => process.stdout.write(server.address().port + "\\n"));
server.on("connection", (ws) => {
  let asked;
  ws.on("message", async (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === "rpc") {
      asked = message;
      ws.send(JSON.stringify({ v: 1, type: "approval", approvalId: String(message.payload.id) }));
      return;
    }
    const result = await account.signMessage({ message: { raw: asked.payload.params[0] } });
    const payload = { jsonrpc: "2.0", id: asked.payload.id, result };
    ws.send(JSON.stringify({ v: 1, type: "rpc", origin: asked.origin, payload }));
  });
});
`;

export function startBareSigner(): Promise<{ port: number; child: ChildProcess }> {
  return startBareServer(BARE_SIGNER);
}
