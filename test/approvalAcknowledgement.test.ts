import { existsSync, readFileSync } from "node:fs";
import { encodeFunctionData, erc20Abi, maxUint256 } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logPath } from "../native-host/src/daemon/paths.js";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { type DeployedFixtures, deployFixtures } from "./support/contracts.js";
import { prepareHome, TEST_ADDRESS_0, TEST_PASSWORD, type TempDirs, tempDirs } from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

const ORIGIN = "https://app.example";
/** anvil's third account: no code, so approving it is `eoa-spender` (danger). */
const EOA = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

type Approval = {
  approvalId: string;
  kind: string;
  details: { warnings: Array<{ code: string; severity: string }> };
};
type RpcReply = { payload: { id: number; result?: unknown; error?: { code: number; message: string } } };

/**
 * The host checks the acknowledgement of a danger warning itself, against the real daemon
 * (started by the real relay) with anvil and the fixture token: an approve without
 * `acknowledged: true` is refused (4001, and logged), one with it goes through. And an EIP-7702
 * transaction is refused without a prompt.
 */
describe("danger warnings need the acknowledgement (real daemon)", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let fixtures: DeployedFixtures;
  let extension: NativeClient;
  let nextId = 1;

  const rpc = async (method: string, params: unknown[] = []) => {
    const id = nextId++;
    extension.send({ v: 1, type: "rpc", origin: ORIGIN, payload: { jsonrpc: "2.0", id, method, params } });
    return id;
  };
  const reply = (id: number) =>
    extension.next<RpcReply>((m) => m.type === "rpc" && (m.payload as { id?: number }).id === id, 30_000);
  const approval = () => extension.next<Approval>((m) => m.type === "approval", 30_000);

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil(31337);
    fixtures = await deployFixtures(anvil.url);
    await prepareHome(dirs, anvil);
    extension = await openNativeClient(dirs);
    extension.send({
      v: 1,
      type: "ui",
      payload: { jsonrpc: "2.0", id: 0, method: "vaughan_unlock", params: [TEST_PASSWORD] },
    });
    await extension.next((m) => m.type === "ui" && (m.payload as { id?: number }).id === 0, 60_000);
    const connect = await rpc("eth_requestAccounts");
    const asked = await approval();
    extension.send({ v: 1, type: "approval-result", approvalId: asked.approvalId, approved: true });
    expect((await reply(connect)).payload.result).toEqual([expect.stringMatching(/^0x/i)]);
  });
  afterAll(async () => {
    await extension?.close();
    await dirs?.cleanup();
    await anvil?.stop();
  });

  const unlimitedApproveToEoa = () =>
    rpc("eth_sendTransaction", [
      {
        from: TEST_ADDRESS_0,
        to: fixtures.token,
        data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [EOA, maxUint256] }),
      },
    ]);

  it("refuses an approve without acknowledged: true while eoa-spender stands, and logs it", async () => {
    const id = await unlimitedApproveToEoa();
    const asked = await approval();
    expect(asked.kind).toBe("send-transaction");
    expect(asked.details.warnings.map((w) => [w.code, w.severity])).toEqual([
      ["eoa-spender", "danger"],
      ["unlimited-approval", "caution"],
    ]);
    extension.send({ v: 1, type: "approval-result", approvalId: asked.approvalId, approved: true });
    const answer = await reply(id);
    expect(answer.payload.error?.code).toBe(4001);
    expect(answer.payload.error?.message).toMatch(/danger warning \(eoa-spender\) was not acknowledged/);
    await expect
      .poll(() => (existsSync(logPath(dirs.home)) ? readFileSync(logPath(dirs.home), "utf8") : ""))
      .toContain(`"event":"approval-unacknowledged"`);
  });

  it("lets the same approve through with acknowledged: true: it is signed and broadcast", async () => {
    const id = await unlimitedApproveToEoa();
    const asked = await approval();
    extension.send({
      v: 1,
      type: "approval-result",
      approvalId: asked.approvalId,
      approved: true,
      acknowledged: true,
    });
    expect((await reply(id)).payload.result).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("refuses an EIP-7702 transaction (authorizationList) without a prompt, naming why", async () => {
    const id = await rpc("eth_sendTransaction", [
      {
        from: TEST_ADDRESS_0,
        to: TEST_ADDRESS_0,
        type: "0x4",
        authorizationList: [{ chainId: "0x7a69", address: fixtures.token, nonce: "0x0" }],
      },
    ]);
    const answer = await reply(id);
    expect(answer.payload.error?.code).toBe(-32602);
    expect(answer.payload.error?.message).toMatch(/EIP-7702/);
    expect(extension.messages.filter((m) => (m as { type?: string }).type === "approval")).toEqual([]);
  });
});
