import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chain } from "../stores/chains.js";
import { cachedClientCount, chainRequest, reportedChainId } from "./chainClient.js";

/** One local server whose answer each case sets; it records every request it gets. */
let server: Server;
let base: string;
let answer: (res: ServerResponse, path: string) => void;
const seen: string[] = [];

const chain = (path: string): Chain => ({
  chainId: 31337,
  name: "Local",
  symbol: "ETH",
  decimals: 18,
  rpcUrls: [`${base}${path}`],
  blockExplorerUrls: [],
});
const json = (res: ServerResponse, body: string) =>
  res.writeHead(200, { "content-type": "application/json" }).end(body);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: number; message: string; data?: unknown }) => ({
      code: error.code,
      message: error.message,
      data: error.data,
    }),
  );

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? "");
    req.resume();
    req.on("end", () => answer(res, req.url ?? ""));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("chainClient: every request the host makes to a chain", () => {
  it("follows no redirect: a 307 to another (loopback) address is unreachable, and that address sees nothing", async () => {
    seen.length = 0;
    answer = (res, path) =>
      path === "/moved"
        ? res.writeHead(307, { location: `${base}/inside` }).end()
        : json(res, '{"jsonrpc":"2.0","id":1,"result":"0x1"}');
    expect(await failure(chainRequest(chain("/moved"), "eth_blockNumber", []))).toEqual({
      code: 4901,
      message: "Chain 31337 (Local) is unreachable",
      data: undefined,
    });
    expect(seen).toEqual(["/moved"]);
  });

  it("reads at most 1 MiB of an answer: more is -32005 for that request", async () => {
    answer = (res) => json(res, `{"jsonrpc":"2.0","id":1,"result":"${"f".repeat(1_048_576)}"}`);
    expect((await failure(chainRequest(chain("/big"), "eth_getLogs", [{}])))?.code).toBe(-32005);
  });

  it("passes a node's own error through: code, message and revert data", async () => {
    answer = (res) =>
      json(
        res,
        '{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted: no","data":"0x08c379a0"}}',
      );
    expect(await failure(chainRequest(chain("/revert"), "eth_call", [{}]))).toEqual({
      code: 3,
      message: "execution reverted: no",
      data: "0x08c379a0",
    });
  });

  it("keeps at most 16 clients, however many endpoints it has talked to", async () => {
    answer = (res) => json(res, '{"jsonrpc":"2.0","id":1,"result":"0x1"}');
    for (let i = 0; i < 40; i++) await chainRequest(chain(`/c${i}`), "eth_chainId", []);
    expect(cachedClientCount()).toBe(16);
  });
});

describe("reportedChainId: a proposed endpoint's eth_chainId", () => {
  it("is the number it reports, or undefined for anything else, never its text", async () => {
    answer = (res) => json(res, '{"jsonrpc":"2.0","id":1,"result":"0x7a69"}');
    expect(await reportedChainId(`${base}/ok`)).toBe(31337);
    answer = (res) => json(res, '{"jsonrpc":"2.0","id":1,"result":"secret text"}');
    expect(await reportedChainId(`${base}/text`)).toBeUndefined();
    answer = (res) => json(res, `{"jsonrpc":"2.0","id":1,"result":"0x1","pad":"${"x".repeat(65 * 1024)}"}`);
    expect(await reportedChainId(`${base}/big`)).toBeUndefined();
    answer = (res) => res.writeHead(307, { location: `${base}/ok` }).end();
    expect(await reportedChainId(`${base}/redirect`)).toBeUndefined();
  });
});
