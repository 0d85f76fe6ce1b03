import { type Address, type Hex, hexToBigInt, parseGwei } from "viem";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import type { ApprovalAnswerExtras, FeeOption, Fees } from "../protocol/approvalDetails.js";
import type { HostToExtension } from "../protocol/messages.js";
import { anvilRpc } from "./support/anvil.js";
import { type DeployedFixtures, deployFixtures, fixtureCalldata } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const SITE = "https://fees.example";
const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
/** anvil's unlocked accounts 2–4 fill blocks with other people's tips. */
const OTHERS = [
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
];

type Approval = Extract<HostToExtension, { type: "approval" }>;
type Update = Extract<HostToExtension, { type: "approval-update" }>;
interface TxDetails {
  fees: Fees;
  simulation: { status: string };
}

/**
 * eth_sendTransaction's fees and simulation through the host's handler, in-process on a real
 * wallet and a real anvil: the options offered, the one the person picks signed and mined, a
 * custom fee checked, and the simulation's update pushed to the session after the approval.
 */
describe("transaction fees and simulation update", () => {
  let h: Harness;
  let f: DeployedFixtures;

  beforeAll(async () => {
    h = await startHarness();
    f = await deployFixtures(h.anvil.url);
    await h.call(SITE, "eth_requestAccounts");
    h.session.policy = "hold";
    // Ten blocks (all the history read) of three transactions tipping 1, 2 and 5 gwei each:
    // the 10th, 50th and 90th percentile tips differ.
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
    for (let block = 0; block < 10; block++) {
      for (const [i, from] of OTHERS.entries()) {
        const tip = parseGwei(String([1, 2, 5][i]));
        await anvilRpc(h.anvil.url, "eth_sendTransaction", [
          {
            from,
            to: RECIPIENT,
            value: "0x1",
            maxPriorityFeePerGas: `0x${tip.toString(16)}`,
            maxFeePerGas: `0x${parseGwei("100").toString(16)}`,
          },
        ]);
      }
      await anvilRpc(h.anvil.url, "evm_mine");
    }
    await anvilRpc(h.anvil.url, "evm_setAutomine", [true]);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends through the handler and waits for its approval; `answer` approves it with extras. */
  async function ask(tx: Record<string, unknown>) {
    const before = h.session.approvals().length;
    const result = h.call(SITE, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, ...tx }]);
    await expect.poll(() => h.session.approvals().length).toBe(before + 1);
    const approval = h.session.approvals().at(-1) as Approval;
    const update = async () => {
      await expect
        .poll(() =>
          h.session.sent.some((m) => m.type === "approval-update" && m.approvalId === approval.approvalId),
        )
        .toBe(true);
      return h.session.sent.find(
        (m): m is Update => m.type === "approval-update" && m.approvalId === approval.approvalId,
      ) as Update;
    };
    return {
      approval,
      details: approval.details as TxDetails,
      update,
      /** Leaves no approval pending for the next test (one per origin and kind). */
      reject: () => {
        h.wallet.approvals.answer(h.session, approval.approvalId, false);
      },
      answer: async (extras: ApprovalAnswerExtras) => {
        h.wallet.approvals.answer(h.session, approval.approvalId, true, extras);
        return result;
      },
    };
  }

  const minedTx = async (hash: unknown) => {
    const receipt = (await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [hash])) as {
      status: string;
    } | null;
    expect(receipt?.status).toBe("0x1");
    return (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as Record<string, Hex>;
  };
  const n = (option: FeeOption | undefined, key: "maxFeePerGas" | "maxPriorityFeePerGas" | "gasPrice") =>
    BigInt(option?.[key] ?? "-1");

  it("offers slow ≤ normal ≤ fast from the fee history, and signs the speed chosen", async () => {
    const { details, update, answer, reject } = await ask({ to: RECIPIENT, value: "0x2386f26fc10000" });
    onTestFailed(reject);
    expect(details.simulation).toEqual({ status: "pending" });
    const { fees } = details;
    expect(fees).toMatchObject({ type: "eip1559", gas: "21000", selected: "normal" });
    expect(fees.options.map((o) => o.speed)).toEqual(["slow", "normal", "fast"]);
    const [slow, normal, fast] = fees.options;
    expect(n(slow, "maxPriorityFeePerGas")).toBe(parseGwei("1"));
    expect(n(normal, "maxPriorityFeePerGas")).toBe(parseGwei("2"));
    expect(n(fast, "maxPriorityFeePerGas")).toBe(parseGwei("5"));
    expect(n(slow, "maxFeePerGas") <= n(normal, "maxFeePerGas")).toBe(true);
    expect(n(normal, "maxFeePerGas") < n(fast, "maxFeePerGas")).toBe(true);
    expect(fast?.maxCost.raw).toBe((21000n * n(fast, "maxFeePerGas")).toString());
    expect(fast?.maxCost.formatted).toMatch(/^0\.\d+ ETH$/);
    // The simulation arrives after the approval, with what the account loses.
    expect((await update()).update.simulation).toMatchObject({
      status: "ok",
      changes: [{ asset: "native", delta: "-10000000000000000" }],
    });
    const tx = await minedTx((await answer({ fee: { speed: "fast" } })).result);
    expect(hexToBigInt(tx.maxFeePerGas as Hex)).toBe(n(fast, "maxFeePerGas"));
    expect(hexToBigInt(tx.maxPriorityFeePerGas as Hex)).toBe(n(fast, "maxPriorityFeePerGas"));
  });

  it("signs a custom fee, gas and nonce the person set", async () => {
    const nonce = Number(
      hexToBigInt(
        (await anvilRpc(h.anvil.url, "eth_getTransactionCount", [TEST_ADDRESS_0, "pending"])) as Hex,
      ),
    );
    const { answer, reject } = await ask({ to: RECIPIENT, value: "0x1" });
    onTestFailed(reject);
    const custom = {
      gas: "30000",
      maxFeePerGas: parseGwei("40").toString(),
      maxPriorityFeePerGas: parseGwei("3").toString(),
      nonce,
    };
    const tx = await minedTx((await answer({ fee: { custom } })).result);
    expect(
      [tx.gas, tx.maxFeePerGas, tx.maxPriorityFeePerGas, tx.nonce].map((v) => hexToBigInt(v as Hex)),
    ).toEqual([30000n, parseGwei("40"), parseGwei("3"), BigInt(nonce)]);
  });

  it("refuses a custom fee no chain would take", async () => {
    const confirmed = Number(
      hexToBigInt(
        (await anvilRpc(h.anvil.url, "eth_getTransactionCount", [TEST_ADDRESS_0, "latest"])) as Hex,
      ),
    );
    expect(confirmed).toBeGreaterThan(0);
    const bad: Array<[Record<string, unknown>, string]> = [
      [
        { maxFeePerGas: "10", maxPriorityFeePerGas: "11" },
        "Invalid params: maxPriorityFeePerGas is above maxFeePerGas",
      ],
      [{ gas: "20999" }, "Invalid params: gas is below the 21000 every transaction costs"],
      [
        { nonce: confirmed - 1 },
        `Invalid params: nonce ${confirmed - 1} is below the account's ${confirmed} confirmed transactions`,
      ],
    ];
    for (const [custom, message] of bad) {
      const { answer } = await ask({ to: RECIPIENT, value: "0x1" });
      expect((await answer({ fee: { custom } })).error).toEqual({ code: -32602, message });
    }
  });

  it("offers gas prices for a legacy transaction, the dApp's own as normal", async () => {
    const { details, answer, reject } = await ask({
      to: RECIPIENT,
      value: "0x1",
      gasPrice: `0x${parseGwei("9").toString(16)}`,
    });
    onTestFailed(reject);
    expect(details.fees.type).toBe("legacy");
    const [slow, normal, fast] = details.fees.options;
    expect(n(normal, "gasPrice")).toBe(parseGwei("9"));
    expect(n(slow, "gasPrice") <= n(fast, "gasPrice")).toBe(true);
    const tx = await minedTx((await answer({ fee: { speed: "slow" } })).result);
    expect(tx.type).toBe("0x0");
    expect(hexToBigInt(tx.gasPrice as Hex)).toBe(n(slow, "gasPrice"));
  });

  it("pushes a revert as an update, and keeps its warnings as the ones in force", async () => {
    const data = await fixtureCalldata("Reverter", "fail", []);
    // With gas given the node is not asked to estimate, so the window opens and the simulation tells.
    const { approval, update, reject } = await ask({ to: f.reverter as Address, data, gas: "0x30000" });
    onTestFailed(reject);
    const { update: pushed } = await update();
    expect(pushed.simulation).toEqual({
      status: "reverts",
      reason: "reverted: Reverter: always fails",
      siteProposedRpc: false,
    });
    expect(pushed.warnings.map((w) => w.code)).toEqual(["simulation-reverts"]);
    expect(h.wallet.approvals.warningsOf(approval.approvalId)).toEqual(pushed.warnings);
    h.wallet.approvals.answer(h.session, approval.approvalId, false);
  });

  it("sends `unavailable` at once when the setting is off, and asks the node nothing", async () => {
    const call = (method: string, params: unknown[] = []) => uiHandler(method)(h.wallet, params, h.session);
    expect(call("vaughan_getSimulate")).toBe(true);
    expect(call("vaughan_setSimulate", [false])).toBe(true);
    try {
      expect(call("vaughan_getSimulate")).toBe(false);
      const { approval, update, reject } = await ask({ to: RECIPIENT, value: "0x1" });
      onTestFailed(reject);
      expect((await update()).update).toEqual({
        simulation: { status: "unavailable", reason: "simulation is off in settings", reverts: null },
        warnings: [
          {
            code: "simulation-unavailable",
            severity: "info",
            message:
              "Could not simulate on this network (simulation is off in settings): what it changes is not known in advance.",
          },
        ],
      });
      h.wallet.approvals.answer(h.session, approval.approvalId, false);
    } finally {
      call("vaughan_setSimulate", [true]);
    }
  });
});
