import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, anvilRpc, startAnvil } from "./support/anvil.js";
import { prepareHome, TEST_ADDRESS_0, TEST_PASSWORD, type TempDirs, tempDirs } from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/**
 * The simulation reaches the browser after the approval: the real host program and daemon,
 * real native-messaging frames, a real anvil. The approval goes out with the simulation
 * `pending`; the `approval-update` follows on the same connection with the result.
 */
describe("approval-update over native messaging", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let client: NativeClient;
  const origin = "http://127.0.0.1:5557";
  let nextId = 1;

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

  /** The approval and its update in the order they arrived (indices in the stream), without consuming them. */
  async function approvalThenUpdate() {
    const find = () => {
      const approval = client.messages.findIndex((m) => (m as { type?: string }).type === "approval");
      const id = (client.messages[approval] as { approvalId?: string } | undefined)?.approvalId;
      const update = client.messages.findIndex(
        (m) =>
          (m as { type?: string }).type === "approval-update" &&
          (m as { approvalId?: string }).approvalId === id,
      );
      return { approval, update };
    };
    await expect.poll(() => find().update, { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    const { approval, update } = find();
    const messages = client.messages as Array<Record<string, unknown>>;
    const found = {
      approval: messages[approval],
      update: messages[update],
      approvalIndex: approval,
      updateIndex: update,
    };
    client.messages.splice(update, 1);
    client.messages.splice(approval, 1);
    return found as {
      approval: { approvalId: string; details: { simulation: unknown } };
      update: { update: { simulation: Record<string, unknown>; warnings: unknown[] } };
      approvalIndex: number;
      updateIndex: number;
    };
  }

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil();
    await prepareHome(dirs, anvil);
    client = await openNativeClient(dirs);
    expect((await send("ui", "vaughan_unlock", [TEST_PASSWORD])).payload.error).toBeUndefined();
    const accounts = send("rpc", "eth_requestAccounts", []);
    const approval = await client.next<{ approvalId: string }>((m) => m.type === "approval");
    client.send({
      v: 1,
      type: "approval-result",
      approvalId: approval.approvalId,
      approved: true,
      accounts: [TEST_ADDRESS_0],
    });
    expect((await accounts).payload.result).toEqual([TEST_ADDRESS_0]);
  });
  afterAll(async () => {
    await client?.close();
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("sends the simulation after the approval, then signs with the fee chosen", async () => {
    const answer = send("rpc", "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x2386f26fc10000" },
    ]);
    const { approval, update, approvalIndex, updateIndex } = await approvalThenUpdate();
    expect(approvalIndex).toBeLessThan(updateIndex);
    expect(approval.details.simulation).toEqual({ status: "pending" });
    expect(update.update.simulation).toMatchObject({
      status: "ok",
      changes: [{ asset: "native", delta: "-10000000000000000", formatted: "−0.01 ETH" }],
    });
    client.send({
      v: 1,
      type: "approval-result",
      approvalId: approval.approvalId,
      approved: true,
      fee: { speed: "slow" },
    });
    const hash = (await answer).payload.result;
    const tx = (await anvilRpc(anvil.url, "eth_getTransactionByHash", [hash])) as { maxFeePerGas: string };
    const slow = (approval.details as unknown as { fees: { options: Array<{ maxFeePerGas: string }> } }).fees
      .options[0];
    expect(BigInt(tx.maxFeePerGas)).toBe(BigInt(slow?.maxFeePerGas ?? -1));
  });

  it("sends `unavailable` when the setting is off", async () => {
    expect((await send("ui", "vaughan_setSimulate", [false])).payload.result).toBe(true);
    expect((await send("ui", "vaughan_getSimulate", [])).payload.result).toBe(false);
    const answer = send("rpc", "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" },
    ]);
    const { approval, update } = await approvalThenUpdate();
    expect(update.update.simulation).toEqual({
      status: "unavailable",
      reason: "simulation is off in settings",
      reverts: null,
    });
    client.send({ v: 1, type: "approval-result", approvalId: approval.approvalId, approved: false });
    expect((await answer).payload.error?.code).toBe(4001);
  });
});
