import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from "@metamask/eth-sig-util";
import * as esbuild from "esbuild";
import type { Page } from "playwright-core";
import { stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viemMailForRecovery } from "../dapp/typedData.js";
import { type Anvil, startAnvil } from "../support/anvil.js";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer } from "../support/testDapp.js";
import { pageRequest, startWallet, type WalletFixture } from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** The Mail typed data of typedData.ts, for eth-sig-util. */
const mail = (chainId: number) => viemMailForRecovery(TEST_ADDRESS_0, chainId);

/**
 * The libraries dApps are built on, bundled with esbuild at test time into a temporary folder and
 * run in Chromium against the wallet: wagmi (@wagmi/core 2, EIP-6963 discovery by rdns) and
 * web3.js v4. ethers v6 and viem are driven in wallet.test.ts.
 */
describe("dApp libraries in Chromium: wagmi and web3.js", () => {
  let fx: WalletFixture;
  let second: Anvil;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "vaughan-libs-"));
    await esbuild.build({
      entryPoints: ["test/dapp/wagmi.ts", "test/dapp/web3.ts"],
      bundle: true,
      format: "iife",
      platform: "browser",
      outdir: out,
      logLevel: "silent",
    });
    fx = await startWallet();
    second = await startAnvil(31338);
    const { readFileSync } = await import("node:fs");
    for (const lib of ["wagmi", "web3"]) {
      const script = readFileSync(join(out, `${lib}.js`), "utf8").replaceAll("</script", "<\\/script");
      fx.dapp.pages.set(`/${lib}.html`, `<!doctype html><title>${lib}</title><script>${script}</script>`);
    }
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
    await second?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const call = <T>(page: Page, lib: string, fn: string, ...args: unknown[]) =>
    page.evaluate(
      ([lib, fn, args]) =>
        (window as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[
          lib as string
        ]?.[fn as string]?.(...(args as unknown[])),
      [lib, fn, args] as const,
    ) as Promise<T>;
  const approvedCall = async <T>(page: Page, lib: string, fn: string, ...args: unknown[]) => {
    let result: Promise<T> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      result = call<T>(page, lib, fn, ...args);
    });
    await answer(dialog);
    return (await result) as T;
  };

  it("wagmi: finds Vaughan by rdns, connects, signs, sends, switches chain", async () => {
    const page = fx.page;
    await page.goto(`${fx.dapp.origin}/wagmi.html`);
    await expect.poll(() => call<string[]>(page, "wagmiDapp", "connectorIds")).toContain("io.vaughan.wallet");
    const accounts = await approvedCall<string[]>(page, "wagmiDapp", "connect");
    expect(accounts.map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0]);
    expect(await call(page, "wagmiDapp", "chainId")).toBe(31337);
    const signature = await approvedCall<string>(page, "wagmiDapp", "signMessage", "hello wagmi");
    expect(recoverPersonalSignature({ data: stringToHex("hello wagmi"), signature })).toBe(TEST_ADDRESS_0);
    const typed = await approvedCall<string>(page, "wagmiDapp", "signTypedData", TEST_ADDRESS_0, 31337);
    expect(
      recoverTypedSignature({
        data: mail(31337) as never,
        signature: typed,
        version: SignTypedDataVersion.V4,
      }),
    ).toBe(TEST_ADDRESS_0);
    const hash = await approvedCall<string>(page, "wagmiDapp", "sendEth", RECIPIENT, "0.5");
    expect(await call(page, "wagmiDapp", "waitForTransactionReceipt", hash, 31337)).toBe("success");
    // The second chain, known to the wallet first, then wagmi's switchChain.
    const added = await approvalWindow(fx.context, async () => {
      void pageRequest(page, "wallet_addEthereumChain", [
        {
          chainId: "0x7a6a",
          chainName: "Anvil Two",
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: [second.url],
        },
      ]);
    });
    await answer(added, "add-chain");
    await expect.poll(() => pageRequest(page, "eth_chainId")).toEqual({ result: "0x7a6a" });
    expect(await approvedCall(page, "wagmiDapp", "switchChain", 31337)).toBe(31337);
    expect(await call(page, "wagmiDapp", "chainId")).toBe(31337);
  });

  it("web3.js v4: connects, personal.sign with a password, typed data v4, a transaction, switch chain", async () => {
    const page = fx.page;
    await page.goto(`${fx.dapp.origin}/web3.html`);
    // Already connected through wagmi on this origin: no window.
    expect((await call<string[]>(page, "web3Dapp", "connect")).map((a) => a.toLowerCase())).toEqual([
      TEST_ADDRESS_0,
    ]);
    expect(await call(page, "web3Dapp", "chainId")).toBe(31337);
    const signature = await approvedCall<string>(
      page,
      "web3Dapp",
      "personalSign",
      "hello web3",
      TEST_ADDRESS_0,
    );
    expect(recoverPersonalSignature({ data: stringToHex("hello web3"), signature })).toBe(TEST_ADDRESS_0);
    const typed = await approvedCall<string>(page, "web3Dapp", "signTypedData", TEST_ADDRESS_0, mail(31337));
    expect(
      recoverTypedSignature({
        data: mail(31337) as never,
        signature: typed,
        version: SignTypedDataVersion.V4,
      }),
    ).toBe(TEST_ADDRESS_0);
    const sent = await approvedCall<{ status: number }>(
      page,
      "web3Dapp",
      "sendEth",
      TEST_ADDRESS_0,
      RECIPIENT,
      "1000",
    );
    expect(sent.status).toBe(1);
    await approvedCall(page, "web3Dapp", "switchChain", "0x7a6a");
    expect(await call(page, "web3Dapp", "chainId")).toBe(31338);
  });
});
