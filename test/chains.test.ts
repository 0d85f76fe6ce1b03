import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { initTestVault, runHost, runHostOk, TEST_PASSWORD, type TempDirs, tempDirs } from "./support/host.js";
import { answerApproval, rpcSend, uiCall } from "./support/hostSession.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

const ORIGIN = "https://app.example";
const help = " (run 'vaughan-host help')\n";

type Listed = {
  defaultChainId: number;
  chains: Array<{ chainId: number; rpcUrls: string[]; blockExplorerUrls: string[]; name: string }>;
};

/**
 * Networks from the command line and the daemon's UI calls, against real anvil nodes: add with
 * the same checks as a dApp's wallet_addEthereumChain, edit, remove, and a new default that
 * moves no connected site.
 */
describe("chains (CLI and daemon)", () => {
  let dirs: TempDirs;
  let one: Anvil;
  let two: Anvil;
  let extension: NativeClient | undefined;
  const list = async (): Promise<Listed> =>
    JSON.parse((await runHostOk(["chains", "list", "--json"], dirs)).stdout);
  const chain = async (id: number) => (await list()).chains.find((c) => c.chainId === id);

  beforeAll(async () => {
    dirs = tempDirs();
    [one, two] = await Promise.all([startAnvil(31337), startAnvil(31338)]);
    await initTestVault(dirs);
  }, 60_000);
  afterAll(async () => {
    await extension?.close();
    await dirs.cleanup();
    await one?.stop();
    await two?.stop();
  });

  it("adds a chain whose endpoint confirms its id; refuses a wrong id, plain http off this machine, an http explorer", async () => {
    expect(
      await runHost(
        [
          "chains",
          "add",
          "--chain-id",
          "31337",
          "--rpc-url",
          one.url,
          "--name",
          "Anvil",
          "--explorer-url",
          "https://explorer.example",
        ],
        dirs,
      ),
    ).toEqual({
      code: 0,
      stdout: `chain 31337 (Anvil) → ${one.url}\n`,
      stderr: "",
    });
    expect(await chain(31337)).toMatchObject({
      name: "Anvil",
      rpcUrls: [one.url],
      blockExplorerUrls: ["https://explorer.example"],
    });
    expect(await runHost(["chains", "add", "--chain-id", "5", "--rpc-url", two.url], dirs)).toEqual({
      code: 1,
      stdout: "",
      stderr: `vaughan-host: ${two.url} reports chain 31338, not 5\n`,
    });
    expect(
      (await runHost(["chains", "add", "--chain-id", "5", "--rpc-url", "http://192.0.2.1:8545"], dirs))
        .stderr,
    ).toBe("vaughan-host: The RPC URL must be https (or http to this computer: 127.0.0.1, localhost)\n");
    expect(
      (
        await runHost(
          [
            "chains",
            "add",
            "--chain-id",
            "31338",
            "--rpc-url",
            two.url,
            "--explorer-url",
            "http://explorer.example",
          ],
          dirs,
        )
      ).stderr,
    ).toBe("vaughan-host: The block explorer URL must be https\n");
    expect(await chain(5)).toBeUndefined();
    await runHostOk(["chains", "add", "--chain-id", "31338", "--rpc-url", two.url, "--name", "Second"], dirs);
    await runHostOk(["chains", "default", "31337"], dirs);
  }, 30_000);

  it("edits the RPC URL (checked again) and the explorer URL", async () => {
    const other = await startAnvil(31337);
    try {
      expect(
        (await runHostOk(["chains", "edit", "31337", "--rpc-url", other.url, "--explorer-url", "none"], dirs))
          .stdout,
      ).toBe(`chain 31337 (Anvil) → ${other.url}\n`);
      expect(await chain(31337)).toMatchObject({ rpcUrls: [other.url], blockExplorerUrls: [] });
      // An endpoint of another chain is refused, and the chain keeps its URL.
      expect((await runHost(["chains", "edit", "31337", "--rpc-url", two.url], dirs)).stderr).toBe(
        `vaughan-host: ${two.url} reports chain 31338, not 31337\n`,
      );
      await runHostOk(
        ["chains", "edit", "31337", "--rpc-url", one.url, "--explorer-url", "https://scan.example/"],
        dirs,
      );
      expect(await chain(31337)).toMatchObject({
        rpcUrls: [one.url],
        blockExplorerUrls: ["https://scan.example/"],
      });
    } finally {
      await other.stop();
    }
    expect(await runHost(["chains", "edit", "31337"], dirs)).toMatchObject({
      code: 2,
      stderr: `vaughan-host: chains edit needs --rpc-url, --explorer-url or --name${help}`,
    });
    expect((await runHost(["chains", "edit", "77", "--name", "x"], dirs)).stderr).toBe(
      'vaughan-host: unknown chain 77; add it with "chains add"\n',
    );
  }, 30_000);

  it("a new default moves no connected site; a chain in use or the default is not removed", async () => {
    extension = await openNativeClient(dirs);
    await uiCall(extension, "vaughan_unlock", [TEST_PASSWORD]);
    const connected = rpcSend(extension, ORIGIN, "eth_requestAccounts");
    await answerApproval(extension, "connect", true);
    expect((await connected()).result).toHaveLength(1);
    expect(await rpcSend(extension, ORIGIN, "eth_chainId")()).toEqual({ result: "0x7a69" });
    extension.messages.splice(0);

    await runHostOk(["chains", "default", "31338"], dirs);
    expect((await list()).defaultChainId).toBe(31338);
    // The site followed the old default; it stays there and hears no chainChanged.
    expect(await rpcSend(extension, ORIGIN, "eth_chainId")()).toEqual({ result: "0x7a69" });
    expect(extension.messages.filter((m) => (m as { event?: string }).event === "chainChanged")).toEqual([]);

    expect(await runHost(["chains", "remove", "31338"], dirs)).toEqual({
      code: 1,
      stdout: "",
      stderr: "vaughan-host: Chain 31338 is the default: choose another default first\n",
    });
    expect((await runHost(["chains", "remove", "31337"], dirs)).stderr).toBe(
      `vaughan-host: Chain 31337 is in use by ${ORIGIN}: disconnect it or switch chains there first\n`,
    );
    // The Networks screen's calls say the same, and list the site on its chain.
    const chains = (await uiCall(extension, "vaughan_chains")).result as {
      chains: Array<{ chainId: number; sites: string[] }>;
    };
    expect(chains.chains.find((c) => c.chainId === 31337)?.sites).toEqual([ORIGIN]);
    expect((await uiCall(extension, "vaughan_removeChain", [31337])).error?.code).toBe(-32602);

    await uiCall(extension, "vaughan_revoke", [ORIGIN]);
    expect(await runHost(["chains", "remove", "31337"], dirs)).toEqual({
      code: 0,
      stdout: "removed chain 31337\n",
      stderr: "",
    });
    expect(await chain(31337)).toBeUndefined();
  }, 60_000);

  it("adds, edits, re-defaults and removes through the daemon's UI calls", async () => {
    const client = extension as NativeClient;
    const third = await startAnvil(31339);
    try {
      expect(
        (
          await uiCall(client, "vaughan_addChain", [
            { chainId: 31339, name: "Third", symbol: "TH", rpcUrl: "http://192.0.2.1:1" },
          ])
        ).error,
      ).toMatchObject({
        code: -32602,
        message: "The RPC URL must be https (or http to this computer: 127.0.0.1, localhost)",
      });
      expect(
        (
          await uiCall(client, "vaughan_addChain", [
            { chainId: 31340, name: "Third", symbol: "TH", rpcUrl: third.url },
          ])
        ).error?.message,
      ).toBe(`${third.url} reports chain 31339, not 31340`);
      expect(
        (
          await uiCall(client, "vaughan_addChain", [
            { chainId: 31339, name: "Third", symbol: "TH", rpcUrl: third.url },
          ])
        ).result,
      ).toMatchObject({
        chainId: 31339,
        rpcUrl: third.url,
        blockExplorerUrl: null,
        sites: [],
      });
      expect(
        (
          await uiCall(client, "vaughan_editChain", [
            { chainId: 31339, blockExplorerUrl: "https://third.example" },
          ])
        ).result,
      ).toMatchObject({
        blockExplorerUrl: "https://third.example",
      });
      expect(await uiCall(client, "vaughan_setDefaultChain", [31339])).toEqual({ result: true });
      expect((await list()).defaultChainId).toBe(31339);
      expect(await uiCall(client, "vaughan_setDefaultChain", [31338])).toEqual({ result: true });
      expect(await uiCall(client, "vaughan_removeChain", [31339])).toEqual({ result: true });
      expect(await chain(31339)).toBeUndefined();
    } finally {
      await third.stop();
    }
  }, 60_000);
});
