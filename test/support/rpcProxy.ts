import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RpcProxy {
  url: string;
  /** Every JSON-RPC method the proxy was asked, in order. */
  methods: string[];
  /** Lets the requests held back (`hold`) through, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A JSON-RPC endpoint on 127.0.0.1 (port 0) in front of a real node that refuses the methods in
 * `refuse` as a node without them does (-32601) and passes everything else through: a node that
 * cannot simulate, without needing one.
 */
export async function startRpcProxy(
  target: string,
  refuse: readonly string[],
  /** Methods answered only after `release()`: a slow node, on the test's cue. */
  hold: readonly string[] = [],
  /** The params passed on in place of those asked (a node that reads a tag its own way). */
  rewrite?: (method: string, params: unknown[]) => unknown[],
): Promise<RpcProxy> {
  const methods: string[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const asked = Buffer.concat(chunks).toString("utf8");
      const message = JSON.parse(asked) as { id: unknown; method: string; params?: unknown[] };
      const body = rewrite
        ? JSON.stringify({ ...message, params: rewrite(message.method, message.params ?? []) })
        : asked;
      methods.push(message.method);
      response.setHeader("content-type", "application/json");
      if (refuse.includes(message.method)) {
        response.end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: message.id,
            error: { code: -32601, message: `the method ${message.method} does not exist/is not available` },
          }),
        );
        return;
      }
      if (hold.includes(message.method)) await released;
      try {
        const answer = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        response.end(await answer.text());
      } catch {
        response.statusCode = 502;
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    release,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
