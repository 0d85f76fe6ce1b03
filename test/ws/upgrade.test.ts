import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPairingCode } from "../../native-host/src/ws/pairing.js";
import { type Harness, ORIGIN, OTHER_EXTENSION, rawRequest, startHarness, upgradeLines } from "./helpers.js";

function tcpConnect(address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", reject);
  });
}

// docs/security.md tests 1, 2 and 6 (listener): checks made before any upgrade.
describe("upgrade checks", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const host = () => `127.0.0.1:${h.port}`;

  it("listens on 127.0.0.1 only", async () => {
    expect(h.server.address()).toEqual({ address: "127.0.0.1", family: "IPv4", port: h.port });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.address !== "127.0.0.1" && !i.internal);
    for (const other of [{ address: "::1" }, ...others]) {
      await expect(tcpConnect(other?.address ?? "::1", h.port)).rejects.toThrow();
    }
  });

  it.each([
    ["absent", null],
    ["null", "null"],
    ["a web page", "https://evil.example"],
    ["a loopback page", "http://localhost:PORT"],
    ["a loopback IP page", "http://127.0.0.1"],
    ["another extension", OTHER_EXTENSION],
    ["a suffix", `${ORIGIN}.evil`],
    ["an extra character", `${ORIGIN}x`],
    ["a trailing slash", `${ORIGIN}/`],
    ["upper case", ORIGIN.toUpperCase()],
    ["a prefix", ORIGIN.slice(0, -1)],
  ])("refuses Origin %s with 403 and no upgrade", async (_name, origin) => {
    const response = await rawRequest(
      h.port,
      upgradeLines(origin?.replace("PORT", String(h.port)) ?? null, host()),
    );
    expect(response.startsWith("HTTP/1.1 403 ")).toBe(true);
    expect(response).not.toContain("101");
    expect(response).not.toContain("Sec-WebSocket-Accept");
  });

  it("refuses a repeated Origin header", async () => {
    const lines = [...upgradeLines(ORIGIN, host()), `Origin: ${ORIGIN}`];
    expect((await rawRequest(h.port, lines)).startsWith("HTTP/1.1 403 ")).toBe(true);
  });

  it.each([
    ["a rebinding name", "rebind.evil.example:PORT"],
    ["a wildcard DNS name", "127.0.0.1.nip.io:PORT"],
    ["empty", ""],
    ["missing", null],
    ["another port", "127.0.0.1:1"],
    ["no port", "127.0.0.1"],
  ])("refuses Host %s with 403 and no upgrade", async (_name, hostValue) => {
    const response = await rawRequest(
      h.port,
      upgradeLines(ORIGIN, hostValue?.replace("PORT", String(h.port)) ?? null),
    );
    expect(response.startsWith("HTTP/1.1 403 ")).toBe(true);
    expect(response).not.toContain("Sec-WebSocket-Accept");
  });

  it.each(["127.0.0.1", "localhost", "[::1]"])(
    "upgrades with Host %s:PORT and the right Origin",
    async (name) => {
      const response = await rawRequest(h.port, upgradeLines(ORIGIN, `${name}:${h.port}`), 300);
      expect(response.startsWith("HTTP/1.1 101 ")).toBe(true);
    },
  );

  it("answers a plain HTTP request with 426 and no body", async () => {
    const response = await rawRequest(h.port, ["GET / HTTP/1.1", `Host: ${host()}`, "Connection: close"]);
    expect(response.startsWith("HTTP/1.1 426 ")).toBe(true);
    expect(response.endsWith("\r\n\r\n")).toBe(true);
  });

  it("logs each refusal", () => {
    expect(h.logs.some((e) => e.event === "ws.refused" && e.reason === "origin")).toBe(true);
    expect(h.logs.some((e) => e.event === "ws.refused" && e.reason === "host")).toBe(true);
  });

  it("opens the pairing path to another extension only while a code is live", async () => {
    createPairingCode(h.home);
    const response = await rawRequest(h.port, upgradeLines(OTHER_EXTENSION, host()), 300);
    expect(response.startsWith("HTTP/1.1 101 ")).toBe(true);
    const web = await rawRequest(h.port, upgradeLines("https://evil.example", host()));
    expect(web.startsWith("HTTP/1.1 403 ")).toBe(true);
  });
});

describe("per-source backoff", () => {
  it("answers 429 after repeated failures, without locking out another origin on the same address", async () => {
    const h = await startHarness({ limits: { freeFailures: 2, baseBackoffMs: 5_000 } });
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await rawRequest(
          h.port,
          upgradeLines("https://evil.example", `127.0.0.1:${h.port}`),
        );
        statuses.push(response.slice(9, 12));
      }
      expect(statuses).toEqual(["403", "403", "403", "429"]);
      // Every local peer is 127.0.0.1: a page's refusals must not lock our extension out.
      const ok = await rawRequest(h.port, upgradeLines(ORIGIN, `127.0.0.1:${h.port}`), 300);
      expect(ok.slice(9, 12)).toBe("101");
      // Our origin's own failures (the upgrade above left without a hello, then wrong Hosts)
      // do put it into backoff.
      const own: string[] = [];
      for (let i = 0; i < 3; i++) {
        own.push((await rawRequest(h.port, upgradeLines(ORIGIN, "rebind.evil.example"))).slice(9, 12));
      }
      expect(own).toEqual(["403", "403", "429"]);
    } finally {
      await h.stop();
    }
  });
});
