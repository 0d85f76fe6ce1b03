import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from "@metamask/eth-sig-util";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { stringToHex } from "viem";
import { expect } from "vitest";
import { viemMailForRecovery } from "../dapp/typedData.js";
import { type Anvil, anvilRpc, startAnvil } from "./anvil.js";
import { approvalWindow } from "./browser.js";
import { TEST_ADDRESS_0 } from "./host.js";
import { bundleKit, kitPage } from "./kitBundle.js";
import { answer, blockInternet } from "./testDapp.js";
import { startWallet, type WalletFixture } from "./walletFixture.js";

/** Whom the kit panel's send pays (test/dapp/kits/kitPanel.ts: a browser module, not imported here). */
const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** The kit panel's typed data (test/dapp/kits/kitPanel.ts), for eth-sig-util. */
export const kitMail = (chainId: number) => viemMailForRecovery(TEST_ADDRESS_0, chainId);

/** The hosts of the remote services a kit tried to reach, each once, sorted. */
export function blockedHosts(blocked: string[]): string[] {
  return [...new Set(blocked.map((url) => new URL(url).hostname))].sort();
}

/** Clicks `target` in the dApp, answers the approval window it opens (of `kind`) with Approve. */
export async function clickApproved(context: BrowserContext, target: Locator, kind: string): Promise<void> {
  const dialog = await approvalWindow(context, () => target.click());
  await answer(dialog, kind);
}

/** The text of one of the kit panel's outputs (test/dapp/kits/kitPanel.ts). */
export const output = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** Waits for the panel's output `testId` to be filled, failing at once on the panel's error. */
export async function result(page: Page, testId: string): Promise<string> {
  await expect
    .poll(async () => {
      const error = await output(page, "error");
      if (error) throw new Error(error);
      return output(page, testId);
    })
    .not.toBe("");
  return (await output(page, testId)) ?? "";
}

/**
 * A request to the provider Vaughan announced by EIP-6963 (rdns io.vaughan.wallet), as the kits
 * themselves reach it. Not `window.ethereum`: on a page with RainbowKit's MetaMask wallet, the
 * MetaMask SDK it runs puts its own provider there when it sees `isMetaMask` but no MetaMask
 * announcement. { result } or { code }.
 */
export function vaughanRequest(
  page: Page,
  method: string,
  params?: unknown,
): Promise<{ result?: unknown; code?: number }> {
  return page.evaluate(
    async ([method, params]) => {
      type Provider = { request(a: { method: string; params?: unknown }): Promise<unknown> };
      let vaughan: Provider | undefined;
      const found = (event: Event) => {
        const { info, provider } = (event as CustomEvent<{ info: { rdns: string }; provider: Provider }>)
          .detail;
        if (info.rdns === "io.vaughan.wallet") vaughan = provider;
      };
      window.addEventListener("eip6963:announceProvider", found);
      window.dispatchEvent(new Event("eip6963:requestProvider"));
      window.removeEventListener("eip6963:announceProvider", found);
      if (!vaughan) throw new Error("Vaughan did not announce itself");
      try {
        return { result: await vaughan.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    },
    [method, params] as const,
  );
}

export interface KitFixture {
  fx: WalletFixture;
  /** The second anvil chain (31338), unknown to the wallet until a kit proposes it. */
  second: Anvil;
  /** Every URL off loopback the browser tried, refused. */
  blocked: string[];
  /** The kit's page, served on 127.0.0.1. */
  url: string;
  close(): Promise<void>;
}

/**
 * The wallet (anvil 31337, daemon, Chromium with the extension), a second anvil (31338), the
 * kit's dApp bundled into a temporary folder and served as `/<name>.html`, and every request off
 * loopback blocked before any page loads it.
 */
export async function startKit(entry: string, title: string): Promise<KitFixture> {
  const name = entry.replace(/^.*\//, "").replace(/\.ts$/, "");
  const out = mkdtempSync(join(tmpdir(), `vaughan-${name}-`));
  const started = await Promise.allSettled([bundleKit(entry, out), startWallet(), startAnvil(31338)]);
  const close = async () => {
    if (started[1].status === "fulfilled") await started[1].value.close();
    if (started[2].status === "fulfilled") await started[2].value.stop();
    rmSync(out, { recursive: true, force: true });
  };
  const [bundle, wallet, anvil] = started;
  if (bundle.status === "rejected" || wallet.status === "rejected" || anvil.status === "rejected") {
    await close();
    throw [bundle, wallet, anvil].find((s) => s.status === "rejected")?.reason;
  }
  const fx = wallet.value;
  fx.dapp.pages.set(
    `/${name}.html`,
    kitPage(title, bundle.value, [
      { id: 31337, name: "Anvil One", rpc: fx.anvil.url },
      { id: 31338, name: "Anvil Two", rpc: anvil.value.url },
    ]),
  );
  const blocked = await blockInternet(fx.context);
  return { fx, second: anvil.value, blocked, url: `${fx.dapp.origin}/${name}.html`, close };
}

/**
 * Through the kit panel's wagmi hooks, each answered in Vaughan's window: a message signature and
 * a typed-data one, both recovered to the account, and a transfer anvil mined from it.
 */
export async function signAndSend(kit: KitFixture, name: string): Promise<void> {
  const { fx } = kit;
  const page = fx.page;
  await clickApproved(fx.context, page.getByTestId("sign-message"), "sign-message");
  const signature = await result(page, "sign-message-result");
  expect(recoverPersonalSignature({ data: stringToHex(`hello ${name}`), signature })).toBe(TEST_ADDRESS_0);

  await clickApproved(fx.context, page.getByTestId("sign-typed"), "sign-typed-data");
  const typed = await result(page, "sign-typed-result");
  expect(
    recoverTypedSignature({
      data: kitMail(31337) as never,
      signature: typed,
      version: SignTypedDataVersion.V4,
    }),
  ).toBe(TEST_ADDRESS_0);

  await clickApproved(fx.context, page.getByTestId("send"), "send-transaction");
  const hash = await result(page, "send-result");
  expect(await result(page, "receipt")).toBe("success");
  const tx = (await anvilRpc(fx.anvil.url, "eth_getTransactionByHash", [hash])) as {
    from: string;
    to: string;
  };
  expect([tx.from, tx.to]).toEqual([TEST_ADDRESS_0, RECIPIENT]);
}
