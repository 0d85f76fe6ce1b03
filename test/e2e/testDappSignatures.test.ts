import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from "@metamask/eth-sig-util";
import type { Page } from "playwright-core";
import { stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extraDataNotTyped } from "../dapp/testDappTypedData.js";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer, mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { clickClosing, startWallet, type WalletFixture } from "../support/walletFixture.js";

/**
 * MetaMask's test-dapp, signature sections: each Sign button approved in the window, then the
 * page's own Verify button, which recovers the signer with eth-sig-util (and personal_ecRecover).
 */
describe("MetaMask's test-dapp: signatures and their Verify buttons", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;
  /** The `code` of each error the page logs with console.error (its Sign-In buttons log what they catch). */
  const loggedCodes: number[] = [];

  beforeAll(async () => {
    fx = await startWallet();
    dapp = await mountTestDapp(fx);
    await dapp.connect(TEST_ADDRESS_0);
    dapp.page.on("console", (message) => {
      if (message.type() !== "error") return;
      for (const arg of message.args()) {
        void arg
          .evaluate((e) => (e as { code?: unknown } | null)?.code)
          .then((code) => typeof code === "number" && loggedCodes.push(code))
          .catch(() => undefined);
      }
    });
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

  /** The warnings the approval window shows, as code → severity. */
  const warningsIn = async (dialog: Page) => {
    const shown: Record<string, string | null> = {};
    for (const warning of await dialog.getByTestId("approval-warning").all()) {
      shown[(await warning.getAttribute("data-code")) ?? ""] = await warning.getAttribute("data-severity");
    }
    return shown;
  };

  /** The page's Sign-In message for another domain ("Bad Domain" button), as the page builds it. */
  const badDomainMessage = (from: string) => {
    const domain = "metamask.badactor.io";
    return `${domain} wants you to sign in with your Ethereum account:\n${from}\n\nI accept the MetaMask Terms of Service: https://community.metamask.io/tos\n\nURI: https://${domain}\nVersion: 1\nChain ID: 1\nNonce: 32891757\nIssued At: 2021-09-30T16:25:24.000Z\nResources:\n- ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu\n- https://example.com/my-web2-claim.json`;
  };

  it("Sign-In with Ethereum (Bad Domain): siwe-domain-mismatch as danger, approve held until acknowledged; reject gives 4001", async () => {
    const rejected = await approvalWindow(fx.context, () => dapp.click("siweBadDomain"));
    await rejected.locator('[data-testid="approval-warning"][data-code="siwe-domain-mismatch"]').waitFor();
    expect(await warningsIn(rejected)).toMatchObject({ "siwe-domain-mismatch": "danger" });
    expect(await rejected.getByTestId("approval-siwe").textContent()).toContain("metamask.badactor.io");
    // The danger holds approve, whatever the time since the window opened.
    const approveButton = rejected.getByTestId("approve");
    expect(await approveButton.getAttribute("data-blocked")).toContain("danger");
    expect(await approveButton.isEnabled()).toBe(false);
    await clickClosing(rejected, rejected.getByTestId("reject"));
    await expect.poll(() => dapp.text("siweResult")).toMatch(/^Error: ./);
    await expect.poll(() => loggedCodes.at(-1)).toBe(4001);

    // Again, and this time the person acknowledges the danger and signs.
    const signed = await approvalWindow(fx.context, () => dapp.click("siweBadDomain"));
    const acknowledge = signed.getByTestId("approval-acknowledge");
    await acknowledge.waitFor();
    expect(await signed.getByTestId("approve").isEnabled()).toBe(false);
    await acknowledge.check();
    await expect.poll(() => signed.getByTestId("approve").getAttribute("data-blocked")).toBe("");
    await answer(signed, "sign-message");
    await expect.poll(() => dapp.text("siweResult")).toMatch(/^0x[0-9a-f]{130}$/);
    const signature = await dapp.text("siweResult");
    expect(recoverPersonalSignature({ data: stringToHex(badDomainMessage(TEST_ADDRESS_0)), signature })).toBe(
      TEST_ADDRESS_0,
    );
  });

  for (const [button, code] of [
    ["siweBadAccount", "siwe-address-mismatch"],
    ["siweMalformed", "siwe-malformed"],
    ["siweResources", "siwe-chain-mismatch"],
  ] as const) {
    it(`Sign-In with Ethereum (${button}): ${code} as a caution, no acknowledgement needed; signs`, async () => {
      await dapp.page.evaluate(() => {
        (document.getElementById("siweResult") as HTMLElement).innerHTML = "";
      });
      const dialog = await approvalWindow(fx.context, () => dapp.click(button));
      await dialog.locator(`[data-testid="approval-warning"][data-code="${code}"]`).waitFor();
      const shown = await warningsIn(dialog);
      expect(shown[code]).toBe("caution");
      expect(Object.values(shown)).not.toContain("danger");
      expect(await dialog.getByTestId("approval-acknowledge").count()).toBe(0);
      await answer(dialog, "sign-message");
      await expect.poll(() => dapp.text("siweResult")).toMatch(/^0x[0-9a-f]{130}$/);
    });
  }

  it("Extra Data not Typed: the undeclared field is shown unsigned (unsigned-fields), and the signature covers only the typed data", async () => {
    await dapp.page.evaluate(() => {
      (document.getElementById("signMalformedResult") as HTMLElement).innerHTML = "";
    });
    const dialog = await approvalWindow(fx.context, () => dapp.click("signExtraDataNotTyped"));
    await dialog.locator('[data-testid="approval-warning"][data-code="unsigned-fields"]').waitFor();
    expect((await warningsIn(dialog))["unsigned-fields"]).toBe("caution");
    expect(await dialog.getByTestId("approval-unsigned").textContent()).toContain("extraData");
    await answer(dialog, "sign-typed-data");
    await expect.poll(() => dapp.text("signMalformedResult")).toMatch(/^0x[0-9a-f]{130}$/);
    const signature = await dapp.text("signMalformedResult");
    expect(
      recoverTypedSignature({
        data: extraDataNotTyped(31337) as never,
        signature,
        version: SignTypedDataVersion.V4,
      }),
    ).toBe(TEST_ADDRESS_0);
  });

  it("Sign Typed Data Variants (Blur order, Permit2 PermitSingle and PermitBatch, Seaport BulkOrder): each signed as eth-sig-util recovers what the page asked", async () => {
    // What the page asks is recorded on its way out (not changed), to recover each signature over it.
    await dapp.page.evaluate(() => {
      const eth = (
        window as unknown as {
          ethereum: { request(a: { method: string; params?: unknown }): Promise<unknown> };
        }
      ).ethereum;
      const asked: unknown[] = [];
      (window as unknown as { asked: unknown[] }).asked = asked;
      const request = eth.request.bind(eth);
      eth.request = (args) => {
        if (args.method === "eth_signTypedData_v4") asked.push((args.params as unknown[])[1]);
        return request(args);
      };
    });
    for (const button of ["signBlurOrder", "signPermitSingle", "signPermitBatch", "signSeaportBulkOrder"]) {
      await dapp.page.evaluate(() => {
        (document.getElementById("signPermitVariantResult") as HTMLElement).innerHTML = "";
      });
      await dapp.approveAfter(button, "sign-typed-data");
      await expect.poll(() => dapp.text("signPermitVariantResult")).toMatch(/^0x[0-9a-f]{130}$/);
      const signature = await dapp.text("signPermitVariantResult");
      const data = JSON.parse(
        (await dapp.page.evaluate(() => (window as unknown as { asked: string[] }).asked.pop())) as string,
      );
      expect(data.domain.chainId).toBe(31337);
      expect(recoverTypedSignature({ data, signature, version: SignTypedDataVersion.V4 }), button).toBe(
        TEST_ADDRESS_0,
      );
    }
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
