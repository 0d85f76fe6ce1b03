import { readFileSync } from "node:fs";
import { join } from "node:path";
import { recoverTypedSignature, SignTypedDataVersion } from "@metamask/eth-sig-util";
import TEST_DAPP from "@metamask/test-dapp/dist/constants.json" with { type: "json" };
import { type Abi, createPublicClient, getAddress, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nftPermit } from "../dapp/testDappTypedData.js";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer, mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

/** Addresses the test-dapp hard-codes. */
const PAGE_RECIPIENT = "0x2f318C334780961FB129D2a6c30D0763d9a5C970";
const PAGE_OPERATOR = "0x9bc5baF874d2DA8D216aE9f137804184EE5AfEF4";

/** MetaMask's test-dapp, ERC-721 and ERC-1155 sections, through the page's own buttons. */
describe("MetaMask's test-dapp: ERC-721 and ERC-1155", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;
  let nfts: `0x${string}`;
  let multi: `0x${string}`;
  const read = (address: `0x${string}`, abi: unknown, functionName: string, args: unknown[]) =>
    createPublicClient({ transport: http(fx.anvil.url) }).readContract({
      address,
      abi: abi as Abi,
      functionName,
      args,
    });
  const watchedNfts = () =>
    (
      JSON.parse(readFileSync(join(fx.dirs.home, "assets.json"), "utf8")) as {
        nfts?: Array<{ address: string; standard: string; tokenId: string }>;
      }
    ).nfts ?? [];

  beforeAll(async () => {
    fx = await startWallet();
    dapp = await mountTestDapp(fx);
    await dapp.connect(TEST_ADDRESS_0);
  }, 120_000);
  afterAll(async () => {
    await dapp?.close();
    await fx?.close();
  });

  describe("ERC-721", () => {
    it("Deploy, then Mint one: the page says so and the account owns token 1", async () => {
      await dapp.approveAfter("deployNFTsButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Deployed");
      nfts = getAddress(await dapp.text("erc721TokenAddresses"));
      await dapp.approveAfter("mintButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Mint completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "ownerOf", [1n])).toBe(getAddress(TEST_ADDRESS_0));
    });

    it("Watch NFT (wallet_watchAsset ERC721 with its token id) is accepted after the chain confirms ownership", async () => {
      await dapp.approveAfter("watchNFTButton", "watch-asset");
      await expect
        .poll(watchedNfts)
        .toContainEqual(expect.objectContaining({ address: nfts, standard: "ERC721", tokenId: "1" }));
    });

    it("Approve, Set Approval For All, Revoke: each completes on the page and on chain", async () => {
      await dapp.approveAfter("approveButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Approve completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "getApproved", [1n])).toBe(PAGE_OPERATOR);
      await dapp.approveAfter("setApprovalForAllButton", "send-transaction");
      await expect
        .poll(() => dapp.text("nftsStatus"), { timeout: 30_000 })
        .toBe("Set Approval For All completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "isApprovedForAll", [TEST_ADDRESS_0, PAGE_OPERATOR])).toBe(
        true,
      );
      await dapp.approveAfter("revokeButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Revoke completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "isApprovedForAll", [TEST_ADDRESS_0, PAGE_OPERATOR])).toBe(
        false,
      );
    });

    it("Sign Permit (ERC-721, typed data v4) signs, and the page's Verify recovers the account", async () => {
      await dapp.approveAfter("sign721Permit", "sign-typed-data");
      await expect.poll(() => dapp.text("sign721PermitResult")).toMatch(/^0x[0-9a-f]{130}$/);
      await dapp.click("sign721PermitVerify");
      await expect.poll(() => dapp.text("sign721PermitVerifyResult")).toBe(TEST_ADDRESS_0);
      // The same check outside the page, on what the page asked to sign.
      const signature = await dapp.text("sign721PermitResult");
      const data = nftPermit(31337, nfts);
      expect(
        recoverTypedSignature({ data: data as never, signature, version: SignTypedDataVersion.V4 }),
      ).toBe(TEST_ADDRESS_0);
    });

    it("Transfer From sends token 1 to the page's recipient", async () => {
      await dapp.approveAfter("transferFromButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Transfer From completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "ownerOf", [1n])).toBe(PAGE_RECIPIENT);
    });
    it("Watch all NFTs: the page's legacy sendAsync batch of wallet_watchAsset, one window at a time, answers back to the page", async () => {
      await dapp.fill("mintAmountInput", "2");
      await dapp.approveAfter("mintButton", "send-transaction");
      await expect.poll(() => dapp.text("nftsStatus"), { timeout: 30_000 }).toBe("Mint completed");
      expect(await read(nfts, TEST_DAPP.nftsAbi, "ownerOf", [3n])).toBe(getAddress(TEST_ADDRESS_0));
      // The page logs what sendAsync answered: keep the arrays of JSON-RPC responses it logs.
      const answered: unknown[] = [];
      dapp.page.on("console", (message) => {
        if (message.type() !== "log") return;
        for (const arg of message.args()) {
          void arg
            .jsonValue()
            .then((value) => {
              if (Array.isArray(value) && value.every((r) => r?.jsonrpc === "2.0")) answered.push(value);
            })
            .catch(() => undefined);
        }
      });
      const approvalPages = () => fx.context.pages().filter((p) => p.url().includes("approval.html"));
      // Token 1 went to the page's recipient above: refused before anyone is asked. Tokens 2 and 3
      // each get a window, the second only once the first is answered.
      const second = await approvalWindow(fx.context, () => dapp.click("watchNFTsButton"));
      await expect.poll(() => second.getByTestId("approval-summary").textContent()).toContain("#2");
      expect(approvalPages()).toHaveLength(1);
      const third = await approvalWindow(fx.context, () => answer(second, "watch-asset"));
      await expect.poll(() => third.getByTestId("approval-summary").textContent()).toContain("#3");
      expect(approvalPages()).toHaveLength(1);
      await answer(third, "watch-asset");
      await expect.poll(() => answered).toHaveLength(1);
      expect(answered[0]).toEqual([
        {
          jsonrpc: "2.0",
          error: { code: -32602, message: "Suggested NFT is not owned by the selected account" },
        },
        { jsonrpc: "2.0", result: true },
        { jsonrpc: "2.0", result: true },
      ]);
      for (const tokenId of ["2", "3"]) {
        expect(watchedNfts()).toContainEqual(
          expect.objectContaining({ address: nfts, standard: "ERC721", tokenId }),
        );
      }
      expect(watchedNfts()).not.toContainEqual(expect.objectContaining({ address: nfts, tokenId: "4" }));
    });
  });

  describe("ERC-1155", () => {
    const balances = (owner: string) =>
      read(multi, TEST_DAPP.erc1155Abi, "balanceOfBatch", [
        [owner, owner, owner],
        [1n, 2n, 3n],
      ]);

    it("Deploy, then Batch Mint ids 1, 2, 3", async () => {
      await dapp.approveAfter("deployERC1155Button", "send-transaction");
      await expect.poll(() => dapp.text("erc1155Status"), { timeout: 30_000 }).toBe("Deployed");
      multi = getAddress(await dapp.text("erc1155TokenAddresses"));
      await dapp.fill("batchMintTokenIds", "1, 2, 3");
      await dapp.fill("batchMintIdAmounts", "1, 1, 1000000000000000");
      await dapp.approveAfter("batchMintButton", "send-transaction");
      await expect
        .poll(() => dapp.text("erc1155Status"), { timeout: 30_000 })
        .toBe("Batch Minting completed");
      await expect
        .poll(() => balances(TEST_ADDRESS_0), { timeout: 20_000 })
        .toEqual([1n, 1n, 1_000_000_000_000_000n]);
    });

    it("Watch Asset (ERC1155, token id 1) is accepted after the chain confirms the balance", async () => {
      await dapp.approveAfter("watchAssetButton", "watch-asset");
      await expect
        .poll(watchedNfts)
        .toContainEqual(expect.objectContaining({ address: multi, standard: "ERC1155", tokenId: "1" }));
    });

    it("Batch Transfer From moves amounts to the page's recipient", async () => {
      await dapp.fill("batchTransferTokenIds", "1, 2, 3");
      await dapp.fill("batchTransferTokenAmounts", "1, 1, 1");
      await dapp.approveAfter("batchTransferFromButton", "send-transaction");
      await expect
        .poll(() => dapp.text("erc1155Status"), { timeout: 30_000 })
        .toBe("Batch Transfer From completed");
      await expect.poll(() => balances(PAGE_RECIPIENT), { timeout: 20_000 }).toEqual([1n, 1n, 1n]);
    });

    it("Set Approval For All, then Revoke", async () => {
      const approved = () =>
        read(multi, TEST_DAPP.erc1155Abi, "isApprovedForAll", [TEST_ADDRESS_0, PAGE_OPERATOR]);
      await dapp.approveAfter("setApprovalForAllERC1155Button", "send-transaction");
      await expect
        .poll(() => dapp.text("erc1155Status"), { timeout: 30_000 })
        .toBe("Set Approval For All completed");
      expect(await approved()).toBe(true);
      await dapp.approveAfter("revokeERC1155Button", "send-transaction");
      await expect.poll(() => dapp.text("erc1155Status"), { timeout: 30_000 }).toBe("Revoke completed");
      expect(await approved()).toBe(false);
    });
  });
});
