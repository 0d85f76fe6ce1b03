import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as esbuild from "esbuild";

export interface DappServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Extra pages by path (HTML). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

async function bundle(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/**
 * The test dApps (viem and ethers, bundled as a real dApp would ship them) served on
 * 127.0.0.1 and a port of the system's choosing.
 */
export async function startDappServer(): Promise<DappServer> {
  const scripts = new Map([
    ["/viem.js", await bundle("test/dapp/viem.ts")],
    ["/ethers.js", await bundle("test/dapp/ethers.ts")],
  ]);
  const pages = new Map<string, string>([
    [
      "/",
      `<!doctype html><title>dapp</title><script src="/viem.js"></script><script src="/ethers.js"></script><h1>Test dApp</h1>`,
    ],
  ]);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const script = scripts.get(path);
    if (script !== undefined) {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { "content-type": "text/html" }).end(page);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
