import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

/**
 * MetaMask's test-dapp, signature sections: each Sign button approved in the window, then the
 * page's own Verify button, which recovers the signer with eth-sig-util (and personal_ecRecover).
 */
describe("MetaMask's test-dapp: signatures and their Verify buttons", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;

  beforeAll(async () => {
    fx = await startWallet();
    dapp = await mountTestDapp(fx);
    await dapp.connect(TEST_ADDRESS_0);
  }, 120_000);
  afterAll(async () => {
    await dapp?.close();
    await fx?.close();
  });

  it("Personal Sign; Verify recovers the account with eth-sig-util and personal_ecRecover", async () => {
    await dapp.approveAfter("personalSign", "sign-message");
    await expect.poll(() => dapp.text("personalSignResult")).toMatch(/^0x[0-9a-f]{130}$/);
    await dapp.click("personalSignVerify");
    await expect.poll(() => dapp.text("personalSignVerifySigUtilResult")).toBe(TEST_ADDRESS_0);
    await expect.poll(() => dapp.text("personalSignVerifyECRecoverResult")).toBe(TEST_ADDRESS_0);
  });

  for (const [name, id] of [
    ["Sign Typed Data (v1)", "signTypedData"],
    ["Sign Typed Data V3", "signTypedDataV3"],
    ["Sign Typed Data V4", "signTypedDataV4"],
  ] as const) {
    it(`${name}; Verify recovers the account`, async () => {
      await dapp.approveAfter(id, "sign-typed-data");
      await expect.poll(() => dapp.text(`${id}Result`)).toMatch(/^0x[0-9a-f]{130}$/);
      await dapp.click(`${id}Verify`);
      await expect.poll(() => dapp.text(`${id}VerifyResult`)).toBe(TEST_ADDRESS_0);
    });
  }

  it("Sign Permit (ERC-20, typed data v4); Verify recovers the account", async () => {
    await dapp.approveAfter("signPermit", "sign-typed-data");
    await expect.poll(() => dapp.text("signPermitResult")).toMatch(/^0x[0-9a-f]{130}$/);
    await dapp.click("signPermitVerify");
    await expect.poll(() => dapp.text("signPermitVerifyResult")).toBe(TEST_ADDRESS_0);
  });

  it("Sign-In with Ethereum signs the page's EIP-4361 message", async () => {
    await dapp.approveAfter("siwe", "sign-message");
    await expect.poll(() => dapp.text("siweResult")).toMatch(/^0x[0-9a-f]{130}$/);
  });

  /** Clicks a button whose request must fail without any window; the page's error text. */
  const refusedWithoutWindow = async (button: string, result: string) => {
    const windows: string[] = [];
    const onPage = (p: { url(): string }) => windows.push(p.url());
    fx.context.on("page", onPage);
    await dapp.page.evaluate((id) => {
      (document.getElementById(id) as HTMLElement).innerHTML = "";
    }, result);
    await dapp.click(button);
    await expect.poll(() => dapp.text(result)).toMatch(/^Error: ./);
    fx.context.off("page", onPage);
    expect(windows.filter((u) => u.includes("approval.html"))).toEqual([]);
  };

  it("every malformed signature request is refused with a clear error and no window", async () => {
    for (const button of [
      "signInvalidType",
      "signEmptyDomain",
      "signInvalidPrimaryType",
      "signNoPrimaryTypeDefined",
      "signInvalidVerifyingContractType",
    ]) {
      await refusedWithoutWindow(button, "signMalformedResult");
    }
  });

  it("every malformed transaction is refused with a clear error and no window", async () => {
    for (const button of [
      "sendWithInvalidValue",
      "sendWithInvalidTxType",
      "sendWithInvalidRecipient",
      "sendWithInvalidGasLimit",
      "sendWithInvalidMaxFeePerGas",
    ]) {
      await refusedWithoutWindow(button, "sendMalformedResult");
    }
  });
});
