import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDLERS } from "../native-host/src/rpc/methodHandlers.js";
import type { MethodName } from "../protocol/methods.js";
import { RPC_METHODS } from "../protocol/rpc/rpcMethods.js";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type InProcessWallet, startInProcessWallet } from "./support/inProcessWallet.js";

/**
 * The answers protocol/rpc/ promises are the ones the host gives: each method's real answer, from
 * the real handlers with a real anvil behind the site's chain, parses with its result schema.
 * And the params schemas refuse in the words the handlers used before they moved there.
 */
const ORIGIN = "https://dapp.example";
const TO = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const MAIL = {
  types: { Mail: [{ name: "contents", type: "string" }] },
  primaryType: "Mail",
  domain: { name: "Vaughan", chainId: 31337 },
  message: { contents: "hi" },
};

describe("the RPC contract (in-process handlers, real anvil)", () => {
  let anvil: Anvil;
  let w: InProcessWallet;

  /** The method's answer, after checking it against the method's result schema. */
  const answer = async (method: MethodName, params: unknown[]): Promise<unknown> => {
    const outcome = await w.call(ORIGIN, method, params);
    expect(outcome, `${method} answered`).toHaveProperty("result");
    const result = (outcome as { result: unknown }).result;
    const parsed = RPC_METHODS[method].result.safeParse(result);
    expect(parsed.error?.issues, `${method} → ${JSON.stringify(result)}`).toBeUndefined();
    return result;
  };

  /** The message a bad request is refused with, before any approval. */
  const refusal = async (method: MethodName, params: unknown[]): Promise<string> => {
    try {
      await HANDLERS[method]({ origin: ORIGIN, session: w.session, wallet: w.wallet }, params);
    } catch (error) {
      expect(w.asked).toEqual([]);
      return (error as Error).message;
    }
    throw new Error(`${method} was not refused`);
  };

  beforeAll(async () => {
    anvil = await startAnvil(31337);
    w = await startInProcessWallet({ origin: ORIGIN, chainId: 31337, rpcUrl: anvil.url });
  });
  afterAll(async () => {
    w?.cleanup();
    await anvil?.stop();
  });

  it("refuses bad params in the handlers' words, before anything is asked", async () => {
    expect(await refusal("eth_chainId", [1])).toBe("Invalid params: this method takes none");
    expect(await refusal("eth_blockNumber", ["latest"])).toBe("Invalid params: this method takes none");
    expect(await refusal("wallet_revokePermissions", [{ eth_accounts: { x: 1 } }])).toBe(
      "Invalid params: expected [{ eth_accounts: {} }]",
    );
    expect(
      await refusal("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, authorizationList: [] }]),
    ).toBe(
      "Invalid params: EIP-7702 transactions (authorizationList, type 0x4) are refused: they would hand control of the account to another contract's code",
    );
    expect(await refusal("eth_getBalance", ["0x12"])).toBe("Invalid params at params.0: invalid address");
    expect(await refusal("wallet_watchAsset", [{ type: "ERC20", options: { address: "0x1" } }])).toMatch(
      /^Invalid params at params\.options\.address: invalid address$/,
    );
  });

  it("answers what each result schema says", async () => {
    await answer("eth_chainId", []);
    await answer("net_version", []);
    expect(await answer("eth_accounts", [])).toEqual([TEST_ADDRESS_0]);
    await answer("eth_requestAccounts", []);
    await answer("wallet_getPermissions", []);
    await answer("wallet_requestPermissions", [{ eth_accounts: {} }]);
    const signature = await answer("personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
    expect(await answer("personal_ecRecover", ["0x68656c6c6f", signature])).toBe(TEST_ADDRESS_0);
    await answer("eth_signTypedData_v4", [TEST_ADDRESS_0, MAIL]);
    await answer("eth_signTypedData_v3", [TEST_ADDRESS_0, JSON.stringify(MAIL)]);
    await answer("eth_signTypedData", [[{ type: "string", name: "note", value: "hi" }], TEST_ADDRESS_0]);
    await answer("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: TO, value: "0x1" }]);
    expect(await answer("wallet_getCapabilities", [TEST_ADDRESS_0, ["0x7a69", "0x99999"]])).toEqual({
      "0x7a69": { atomic: { status: "unsupported" } },
    });
    const { id } = (await answer("wallet_sendCalls", [
      {
        version: "2.0.0",
        chainId: "0x7a69",
        atomicRequired: false,
        calls: [{ to: TO, value: "0x1" }],
      },
    ])) as { id: string };
    await answer("wallet_getCallsStatus", [id]);
    await answer("wallet_showCallsStatus", [id]);
    await answer("wallet_switchEthereumChain", [{ chainId: "0x7a69" }]);
    await answer("wallet_watchAsset", [
      { type: "ERC20", options: { address: TO, symbol: "TKN", decimals: 18 } },
    ]);
    await answer("eth_blockNumber", []);
    await answer("wallet_revokePermissions", [{ eth_accounts: {} }]);
    expect(await answer("eth_accounts", [])).toEqual([]);
  });
});
