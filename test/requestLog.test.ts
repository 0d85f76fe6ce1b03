import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./support/anvil.js";
import {
  prepareHome,
  TEST_ADDRESS_0,
  TEST_MNEMONIC,
  TEST_PASSWORD,
  type TempDirs,
  tempDirs,
} from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

/** anvil's (public, well-known) key for account 0: it must never be written anywhere. */
const PRIVATE_KEY_0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaa6ea9b5e5afb2f80";
const MESSAGE = "secret-message-7f3a9c";
const TYPED = "secret-typed-contents-51be20";
const TX_DATA = "0xc0ffee5ec2e7da7a0042";

/**
 * Logs: the daemon writes one JSON line per request (origin, method, outcome, duration)
 * and never a signing method's params, a result, the password or a key. Real host program,
 * real native-messaging frames, real anvil; the whole data folder's logs are read afterwards.
 */
describe("request log", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let client: NativeClient;
  const origin = "http://127.0.0.1:5556";
  let nextId = 1;
  const results: string[] = [];

  const send = (type: "rpc" | "ui", method: string, params: unknown[]) => {
    const id = nextId++;
    client.send({
      v: 1,
      type,
      ...(type === "rpc" ? { origin } : {}),
      payload: { jsonrpc: "2.0", id, method, params },
    });
    return client.next<{ payload: { result?: unknown; error?: { code: number } } }>(
      (m) => m.type === type && (m.payload as { id?: unknown })?.id === id,
    );
  };
  /** Sends a prompting request and answers its approval. */
  const withApproval = async (method: string, params: unknown[], approved: boolean) => {
    const answer = send("rpc", method, params);
    const approval = await client.next<{ approvalId: string }>((m) => m.type === "approval");
    client.send({
      v: 1,
      type: "approval-result",
      approvalId: approval.approvalId,
      approved,
      ...(method === "eth_requestAccounts" ? { accounts: [TEST_ADDRESS_0] } : {}),
    });
    return (await answer).payload;
  };

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil();
    await prepareHome(dirs, anvil);
    client = await openNativeClient(dirs);
  });
  afterAll(async () => {
    await client?.close();
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("logs every request, and no signing params, results or secrets", async () => {
    expect((await send("ui", "vaughan_unlock", [TEST_PASSWORD])).payload.error).toBeUndefined();
    expect((await withApproval("eth_requestAccounts", [], true)).result).toEqual([TEST_ADDRESS_0]);
    const messageHex = `0x${Buffer.from(MESSAGE).toString("hex")}`;
    const signature = (await withApproval("personal_sign", [messageHex, TEST_ADDRESS_0], true))
      .result as string;
    results.push(signature);
    const typed = {
      types: { Mail: [{ name: "contents", type: "string" }] },
      primaryType: "Mail",
      domain: { name: "Log Test", chainId: 31337 },
      message: { contents: TYPED },
    };
    results.push(
      (await withApproval("eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(typed)], true))
        .result as string,
    );
    const tx = {
      from: TEST_ADDRESS_0,
      to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
      value: "0x1",
      data: TX_DATA,
    };
    results.push((await withApproval("eth_sendTransaction", [tx], true)).result as string);
    expect((await withApproval("personal_sign", [messageHex, TEST_ADDRESS_0], false)).error?.code).toBe(4001);
    // Invalid params are logged as -32602, still without the params.
    expect((await send("rpc", "personal_sign", [messageHex, "0x1234"])).payload.error?.code).toBe(-32602);
    expect(results.every((r) => typeof r === "string" && r.length >= 66)).toBe(true);

    const logsDir = join(dirs.home, "logs");
    const read = () => {
      const text = readdirSync(logsDir)
        .map((f) => readFileSync(join(logsDir, f), "utf8"))
        .join("");
      const lines = text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      return { text, requests: lines.filter((l) => l.event === "request" && l.origin === origin) };
    };
    // The daemon writes a request's line just after sending its answer: wait for the last one.
    await expect.poll(() => read().requests.length, { timeout: 5000 }).toBeGreaterThanOrEqual(6);
    const { text, requests } = read();
    expect(requests.map((l) => [l.method, l.outcome])).toEqual([
      ["eth_requestAccounts", "ok"],
      ["personal_sign", "ok"],
      ["eth_signTypedData_v4", "ok"],
      ["eth_sendTransaction", "ok"],
      ["personal_sign", "4001"],
      ["personal_sign", "-32602"],
    ]);
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual(["event", "method", "ms", "origin", "outcome", "pid", "time"]);
      expect(line.ms).toBeTypeOf("number");
    }
    const secrets = [
      MESSAGE,
      messageHex.slice(2),
      TYPED,
      TX_DATA.slice(2),
      TEST_PASSWORD,
      TEST_MNEMONIC,
      "junk",
      PRIVATE_KEY_0,
      ...results.map((r) => r.slice(2)),
    ];
    for (const secret of secrets) expect(text.toLowerCase(), secret).not.toContain(secret.toLowerCase());
  });
});
