import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientProofMessage } from "../../protocol/wsAuth.js";
import {
  closed,
  type Harness,
  hmacHex,
  nextMessage,
  ORIGIN,
  openClient,
  rawRequest,
  startHarness,
  upgradeLines,
} from "./helpers.js";

// The WebSocket part of docs/security.md test 10.
describe("resource limits", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  async function authenticated() {
    const ws = await openClient(h.port);
    const clientNonce = randomBytes(32).toString("hex");
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: clientNonce }));
    const challenge = JSON.parse(await nextMessage(ws));
    const proof = hmacHex(
      h.credential,
      clientProofMessage({ clientNonce, serverNonce: challenge.nonce, origin: ORIGIN, port: h.port }),
    );
    ws.send(JSON.stringify({ t: "auth", v: 1, proof }));
    await nextMessage(ws);
    return ws;
  }

  /** The server still completes a full handshake. */
  async function expectAlive() {
    const ws = await authenticated();
    ws.send("still there?");
    expect(await nextMessage(ws)).toBe("echo:still there?");
    ws.close();
  }

  it("closes with 1009 on a 1 MiB + 1 frame after auth", async () => {
    const ws = await authenticated();
    const done = closed(ws);
    ws.on("error", () => {});
    ws.send("x".repeat(1_048_577));
    expect((await done).code).toBe(1009);
    await expectAlive();
  });

  it("closes with 1009 on a 1 MiB + 1 frame before auth", async () => {
    const ws = await openClient(h.port);
    ws.on("error", () => {});
    const done = closed(ws);
    ws.send("x".repeat(1_048_577));
    expect((await done).code).toBe(1009);
  });

  it("accepts a frame of exactly 1 MiB after auth", async () => {
    const ws = await authenticated();
    ws.send("y".repeat(1_048_576));
    expect(await nextMessage(ws)).toBe(`echo:${"y".repeat(64)}`);
    ws.close();
  });

  it("survives 2,000 headers", async () => {
    const lines = [...upgradeLines(ORIGIN, `127.0.0.1:${h.port}`)];
    for (let i = 0; i < 2000; i++) lines.push(`X-Filler-${i}: ${"a".repeat(20)}`);
    const response = await rawRequest(h.port, lines);
    expect(response).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(response).not.toContain("Sec-WebSocket-Accept");
    await expectAlive();
  });

  it("refuses a 100,000-deep JSON auth message and stays alive", async () => {
    const ws = await openClient(h.port);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
    await nextMessage(ws);
    const done = closed(ws);
    ws.send(`{"t":"auth","v":1,"proof":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    expect((await done).code).toBe(1008);
    expect(h.logs.at(-1)).toMatchObject({ event: "ws.auth-failed", reason: "oversize" });
    await expectAlive();
  });

  it("hands a 100,000-deep document after auth to the handler as plain text", async () => {
    const ws = await authenticated();
    ws.send("[".repeat(100_000));
    expect(await nextMessage(ws)).toBe(`echo:${"[".repeat(64)}`);
    ws.close();
  });
});
