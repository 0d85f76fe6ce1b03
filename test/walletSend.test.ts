import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WALLET_ORIGIN } from "../protocol/walletOrigin.js";
import { type Anvil, anvilRpc, startAnvil } from "./support/anvil.js";
import { prepareHome, TEST_ADDRESS_0, TEST_PASSWORD, type TempDirs, tempDirs } from "./support/host.js";
import { answerApproval, rpcSend, uiCall } from "./support/hostSession.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

const RECIPIENT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
// Same first four and last four hex digits as the first account, and a different address.
const LOOKALIKE = `0xf39f${"0".repeat(32)}2266`;
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ORIGIN = "https://app.example";

const send = (to: string, amount: string, asset = "native") => ({
  from: TEST_ADDRESS_0,
  to,
  chainId: 31337,
  asset,
  amount,
});
const codes = (warnings: unknown) =>
  (warnings as Array<{ code: string; severity: string }>).map((w) => `${w.severity}:${w.code}`);

/**
 * The Send screen's host calls against a real daemon and anvil: the host's warnings (look-alikes
 * of known addresses, a token's own contract), and a send that goes through the same
 * send-transaction approval as a site's, under the wallet's own origin label.
 */
describe("send from the wallet (host)", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let client: NativeClient;

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil(31337);
    await prepareHome(dirs, anvil);
    client = await openNativeClient(dirs);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await dirs?.cleanup();
    await anvil?.stop();
  });

  it("refuses a mixed-case address whose EIP-55 checksum is wrong", async () => {
    await uiCall(client, "vaughan_unlock", [TEST_PASSWORD]);
    expect(
      (await uiCall(client, "vaughan_checkSend", [send("0x90F79bf6EB2c4F870365E785982E1f101E93b906", "1")]))
        .error,
    ).toEqual({
      code: -32602,
      message: "The address's checksum does not match: a character is wrong. Copy it again.",
    });
    await uiCall(client, "vaughan_lock");
  });

  it("is refused while locked", async () => {
    expect((await uiCall(client, "vaughan_send", [send(RECIPIENT, "1")])).error).toEqual({
      code: 4100,
      message: "The wallet is locked",
    });
  });

  it("warns of a look-alike of an own account and of a token's contract; a new address is only info", async () => {
    await uiCall(client, "vaughan_unlock", [TEST_PASSWORD]);
    expect(codes((await uiCall(client, "vaughan_checkSend", [send(LOOKALIKE, "1")])).result)).toEqual([
      "danger:lookalike-address",
      "info:new-recipient",
    ]);
    expect(codes((await uiCall(client, "vaughan_checkSend", [send(RECIPIENT, "1")])).result)).toEqual([
      "info:new-recipient",
    ]);
    // A token the user watches (EIP-747, approved from a site).
    const connect = rpcSend(client, ORIGIN, "eth_requestAccounts");
    await answerApproval(client, "connect", true);
    await connect();
    const watch = rpcSend(client, ORIGIN, "wallet_watchAsset", [
      { type: "ERC20", options: { address: TOKEN, symbol: "FTK", decimals: 18 } },
    ]);
    await answerApproval(client, "watch-asset", true);
    expect((await watch()).result).toBe(true);
    expect((await uiCall(client, "vaughan_watchedTokens", [31337])).result).toEqual([
      { address: TOKEN, symbol: "FTK", decimals: 18 },
    ]);
    const toToken = (await uiCall(client, "vaughan_checkSend", [send(TOKEN, "1", TOKEN)])).result as Array<{
      code: string;
      message: string;
    }>;
    expect(codes(toToken)).toEqual(["danger:token-contract"]);
    expect(toToken[0]?.message).toBe(
      "0x5FbD…0aa3 is the FTK token contract: tokens sent to it are lost for good.",
    );
    // More decimals than the asset has is refused, never rounded.
    expect(
      (await uiCall(client, "vaughan_send", [send(RECIPIENT, "0.0000000000000000001")])).error?.message,
    ).toBe("ETH has 18 decimals: the amount has 19");
  }, 60_000);

  it("sends ETH through the send-transaction approval under the wallet's origin; the recipient becomes known", async () => {
    const before = BigInt((await anvilRpc(anvil.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    const uiId = 9_000_001;
    client.send({
      v: 1,
      type: "ui",
      payload: { jsonrpc: "2.0", id: uiId, method: "vaughan_send", params: [send(RECIPIENT, "1.5")] },
    });
    const approval = await answerApproval(client, "send-transaction", true);
    expect(approval.origin).toBe(WALLET_ORIGIN);
    expect(approval.details).toMatchObject({
      from: { address: getAddress(TEST_ADDRESS_0), name: "Account 1" },
      to: { address: RECIPIENT },
      value: { raw: (15n * 10n ** 17n).toString(), formatted: "1.5 ETH" },
    });
    expect(codes(approval.details.warnings)).toEqual(["info:new-recipient"]);
    const reply = await client.next<{ payload: { result: { hash: string } } }>(
      (m) => m.type === "ui" && (m.payload as { id?: number }).id === uiId,
      30_000,
    );
    expect(reply.payload).toMatchObject({ result: { hash: expect.stringMatching(/^0x/) } });
    await expect
      .poll(() => anvilRpc(anvil.url, "eth_getTransactionReceipt", [reply.payload.result.hash]))
      .toMatchObject({ status: "0x1" });
    const after = BigInt((await anvilRpc(anvil.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    expect(after - before).toBe(1_500_000_000_000_000_000n);
    // An earlier counterparty: no longer new, and its look-alikes are caught too.
    expect((await uiCall(client, "vaughan_checkSend", [send(RECIPIENT, "1")])).result).toEqual([]);
    const twin = `0x90f7${"1".repeat(32)}b906`;
    expect(codes((await uiCall(client, "vaughan_checkSend", [send(twin, "1")])).result)).toEqual([
      "danger:lookalike-address",
      "info:new-recipient",
    ]);
  }, 60_000);

  it("a rejected send rejects the call with 4001 and moves nothing", async () => {
    const uiId = 9_000_002;
    client.send({
      v: 1,
      type: "ui",
      payload: { jsonrpc: "2.0", id: uiId, method: "vaughan_send", params: [send(RECIPIENT, "2")] },
    });
    await answerApproval(client, "send-transaction", false);
    const reply = await client.next<{ payload: { error: { code: number } } }>(
      (m) => m.type === "ui" && (m.payload as { id?: number }).id === uiId,
    );
    expect(reply.payload.error.code).toBe(4001);
  }, 30_000);
});
