import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from "@metamask/eth-sig-util";
import { stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blurOrder,
  extraDataNotTyped,
  malformedTypedData,
  nftPermit,
  permit,
  permitBatch,
  permitSingle,
  seaportBulkOrder,
  V1_ENTRIES,
  v3Mail,
  v4Mail,
} from "./dapp/testDappTypedData.js";
import { anvilRpc } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

/**
 * The shapes MetaMask accepts and dApps rely on, each signature checked with eth-sig-util, the
 * library MetaMask signs with and the test dApp verifies with.
 */
describe("MetaMask's leniencies and typed-data versions", () => {
  let h: Harness;
  const site = "https://dapp.example";
  const CHAIN = 31337;
  const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.call(site, "eth_requestAccounts")).result).toEqual([TEST_ADDRESS_0]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const signed = async (method: string, params: unknown[]) => {
    const outcome = await h.call(site, method, params);
    expect(outcome.error).toBeUndefined();
    return outcome.result as string;
  };
  const refused = async (method: string, params: unknown[], code = -32602) => {
    const before = h.session.approvals().length;
    expect((await h.call(site, method, params)).error?.code).toBe(code);
    expect(h.session.approvals().length).toBe(before);
  };

  describe("personal_sign", () => {
    const text = "Example `personal_sign` message";
    const hex = stringToHex(text);

    it("ignores a third parameter (web3.js's password, the test dApp's example one)", async () => {
      const signature = await signed("personal_sign", [hex, TEST_ADDRESS_0, "Example password"]);
      expect(recoverPersonalSignature({ data: hex, signature })).toBe(TEST_ADDRESS_0);
      await refused("personal_sign", [hex, TEST_ADDRESS_0, "", ""]);
    });

    it("signs a message that is not 0x hex as its UTF-8 text", async () => {
      const signature = await signed("personal_sign", [text, TEST_ADDRESS_0]);
      expect(recoverPersonalSignature({ data: hex, signature })).toBe(TEST_ADDRESS_0);
      expect(h.session.approvals().at(-1)?.details).toMatchObject({ message: { text } });
      // Odd-length hex is not bytes: it is signed as the text it is.
      const odd = await signed("personal_sign", ["0xabc", TEST_ADDRESS_0]);
      expect(recoverPersonalSignature({ data: stringToHex("0xabc"), signature: odd })).toBe(TEST_ADDRESS_0);
    });

    it("swaps [address, message] as MetaMask does: first address-sized, second not", async () => {
      const signature = await signed("personal_sign", [TEST_ADDRESS_0, hex]);
      expect(recoverPersonalSignature({ data: hex, signature })).toBe(TEST_ADDRESS_0);
      // A 20-byte message before its address is not swapped.
      const twenty = `0x${"ab".repeat(20)}`;
      const kept = await signed("personal_sign", [twenty, TEST_ADDRESS_0]);
      expect(recoverPersonalSignature({ data: twenty, signature: kept })).toBe(TEST_ADDRESS_0);
      // [address, 20-byte message] is not swapped either: the message is read as the signer.
      await refused("personal_sign", [TEST_ADDRESS_0, `0x${"cd".repeat(20)}`], 4100);
    });

    it("personal_ecRecover answers the signer, lower-case, as the test dApp's verify button expects", async () => {
      const signature = await signed("personal_sign", [hex, TEST_ADDRESS_0, "Example password"]);
      expect(await signed("personal_ecRecover", [hex, signature])).toBe(TEST_ADDRESS_0);
      expect(await signed("personal_ecRecover", [text, signature])).toBe(TEST_ADDRESS_0);
      await refused("personal_ecRecover", [hex, "0x1234"]);
      await refused("personal_ecRecover", [hex, `0x${"00".repeat(65)}`]);
    });
  });

  describe("typed data, hashed as eth-sig-util hashes it", () => {
    const recovers = (data: unknown, signature: string, version: SignTypedDataVersion) =>
      expect(recoverTypedSignature({ data: data as never, signature, version })).toBe(TEST_ADDRESS_0);

    it("eth_signTypedData (v1): the test dApp's entries, as an array or a JSON string", async () => {
      recovers(
        V1_ENTRIES,
        await signed("eth_signTypedData", [V1_ENTRIES, TEST_ADDRESS_0]),
        SignTypedDataVersion.V1,
      );
      recovers(
        V1_ENTRIES,
        await signed("eth_signTypedData", [JSON.stringify(V1_ENTRIES), TEST_ADDRESS_0]),
        SignTypedDataVersion.V1,
      );
      expect(h.session.approvals().at(-1)).toMatchObject({
        kind: "sign-typed-data",
        details: {
          message: [
            { name: "Message", value: "Hi, Alice!" },
            { name: "A number", value: "1337" },
          ],
        },
      });
      await refused("eth_signTypedData", [[], TEST_ADDRESS_0]);
      await refused("eth_signTypedData", [[V1_ENTRIES[0], V1_ENTRIES[0]], TEST_ADDRESS_0]);
      await refused("eth_signTypedData", [[{ type: "uint32", name: "n", value: "x" }], TEST_ADDRESS_0]);
    });

    it("eth_signTypedData_v3: the test dApp's Mail; arrays are refused as v3 refuses them", async () => {
      const data = v3Mail(CHAIN);
      recovers(
        data,
        await signed("eth_signTypedData_v3", [TEST_ADDRESS_0, JSON.stringify(data)]),
        SignTypedDataVersion.V3,
      );
      await refused("eth_signTypedData_v3", [TEST_ADDRESS_0, JSON.stringify(v4Mail(CHAIN))]);
      await refused("eth_signTypedData_v3", [TEST_ADDRESS_0, JSON.stringify(v3Mail(1))]);
    });

    const v4Shapes: Array<[string, unknown]> = [
      ["Mail (arrays, chainId as a decimal string)", v4Mail(CHAIN)],
      ["Permit (numbers as JSON numbers)", permit(CHAIN, TEST_ADDRESS_0)],
      ["Permit2 PermitBatch (domain version not declared)", permitBatch(CHAIN)],
      ["Permit2 PermitSingle", permitSingle(CHAIN)],
      ["Blur Order", blurOrder(CHAIN, TEST_ADDRESS_0)],
      ["Seaport BulkOrder (no EIP712Domain, an undeclared key)", seaportBulkOrder(CHAIN, TEST_ADDRESS_0)],
      ["extra data not typed", extraDataNotTyped(CHAIN)],
      ["ERC-721 Permit (an address whose mixed case is no valid checksum)", nftPermit(CHAIN, TOKEN)],
    ];
    it.each(v4Shapes)("eth_signTypedData_v4: %s, as a JSON string and as an object", async (_name, data) => {
      recovers(
        data,
        await signed("eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(data)]),
        SignTypedDataVersion.V4,
      );
      recovers(data, await signed("eth_signTypedData_v4", [TEST_ADDRESS_0, data]), SignTypedDataVersion.V4);
    });

    it("the test dApp's malformed typed data is refused before any window", async () => {
      for (const data of Object.values(malformedTypedData(CHAIN))) {
        await refused("eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(data)]);
      }
    });
  });

  it("wallet_watchAsset takes decimals given as a string, as MetaMask does", async () => {
    const options = { address: TOKEN, symbol: "TST", decimals: "18" };
    expect(await signed("wallet_watchAsset", [{ type: "ERC20", options }])).toBe(true);
    expect(h.session.approvals().at(-1)).toMatchObject({
      kind: "watch-asset",
      details: { token: { decimals: 18 } },
    });
    for (const decimals of ["", "18.5", "-1", "37", "0x12", " 18"]) {
      await refused("wallet_watchAsset", [{ type: "ERC20", options: { ...options, decimals } }]);
    }
  });

  it('eth_sendTransaction reads data "" as no data, as MetaMask does (a form\'s empty data field)', async () => {
    const to = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    const hash = await signed("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to, value: "0x1", data: "" }]);
    const tx = (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as {
      input: string;
      to: string;
    };
    expect(tx).toMatchObject({ input: "0x", to });
    expect(h.session.approvals().at(-1)).toMatchObject({ kind: "send-transaction" });
    for (const data of ["0", "0x0", "abcd", " "]) {
      await refused("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to, data }]);
    }
  });
});
