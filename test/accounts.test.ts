import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getAddress, type Hex, recoverMessageAddress, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PRIVATE_KEY as KEYSTORE_KEY,
  PASSWORD as KEYSTORE_PASSWORD,
  PBKDF2_VECTOR,
} from "../native-host/src/vault/keystoreVectors.js";
import {
  initTestVault,
  runHost,
  runHostOk,
  TEST_ADDRESS_0,
  TEST_PASSWORD,
  type TempDirs,
  tempDirs,
} from "./support/host.js";
import { answerApproval, rpcSend, uiCall } from "./support/hostSession.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

// anvil's second and third HD accounts (m/44'/60'/0'/0/1 and /2 of the test mnemonic).
const HD_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const HD_2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const IMPORTED_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
const IMPORTED = privateKeyToAccount(IMPORTED_KEY).address;
const FROM_KEYSTORE = privateKeyToAccount(`0x${KEYSTORE_KEY}`).address;
const ORIGIN = "https://app.example";
const help = " (run 'vaughan-host help')\n";

/**
 * Accounts from the command line and through the real daemon: add, rename, hide (never
 * deleted, never offered to sites), and import a private key or a v3 keystore from files. An
 * imported account signs: its personal_sign recovers to its address.
 */
describe("accounts (CLI and daemon)", () => {
  let dirs: TempDirs;
  let pw: string;
  let extension: NativeClient | undefined;
  const file = (name: string, text: string) => {
    const path = join(dirs.root, name);
    writeFileSync(path, text);
    return path;
  };
  const listed = async (...flags: string[]) =>
    JSON.parse((await runHostOk(["accounts", "--json", ...flags], dirs)).stdout);

  beforeAll(async () => {
    dirs = tempDirs();
    await initTestVault(dirs);
    pw = join(dirs.root, "password.txt");
  });
  afterAll(async () => {
    await extension?.close();
    await dirs.cleanup();
  });

  it("adds the next derived account, renames it, hides it and shows it again (no daemon running)", async () => {
    expect(await runHost(["accounts", "add", "--name", "Savings", "--password-file", pw], dirs)).toEqual({
      code: 0,
      stdout: `${HD_1}  Savings\n`,
      stderr: "",
    });
    expect(
      (await runHostOk(["accounts", "rename", HD_1, "Cold", "storage", "--password-file", pw], dirs)).stdout,
    ).toBe(`${HD_1}  Cold storage\n`);
    expect((await runHostOk(["accounts", "hide", HD_1, "--password-file", pw], dirs)).stdout).toBe(
      `${HD_1}  Cold storage  (hidden)\n`,
    );
    expect(await listed()).toEqual([{ address: getAddress(TEST_ADDRESS_0), name: "Account 1" }]);
    expect(await listed("--all")).toEqual([
      { address: getAddress(TEST_ADDRESS_0), name: "Account 1" },
      { address: HD_1, name: "Cold storage", hidden: true },
    ]);
    expect((await runHostOk(["accounts", "show", HD_1, "--password-file", pw], dirs)).stdout).toBe(
      `${HD_1}  Cold storage\n`,
    );
    expect((await listed()).map((a: { address: string }) => a.address)).toContain(HD_1);
  });

  it("refuses to hide the last shown account, and a wrong password", async () => {
    await runHostOk(["accounts", "hide", HD_1, "--password-file", pw], dirs);
    const last = await runHost(["accounts", "hide", TEST_ADDRESS_0, "--password-file", pw], dirs);
    expect(last).toEqual({
      code: 1,
      stdout: "",
      stderr: "vaughan-host: The last shown account cannot be hidden: show or add another first\n",
    });
    const wrong = await runHost(
      ["accounts", "add", "--password-file", file("wrong", "not the password\n")],
      dirs,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^vaughan-host: wrong password\n$/i);
    await runHostOk(["accounts", "show", HD_1, "--password-file", pw], dirs);
  });

  it("exits 2 with one line for bad usage", async () => {
    expect(await runHost(["accounts", "hide"], dirs)).toEqual({
      code: 2,
      stdout: "",
      stderr: `vaughan-host: accounts hide needs ADDRESS${help}`,
    });
    expect((await runHost(["accounts", "rename", HD_1], dirs)).stderr).toBe(
      `vaughan-host: accounts rename needs ADDRESS NAME${help}`,
    );
    expect((await runHost(["accounts", "import"], dirs)).stderr).toBe(
      `vaughan-host: accounts import needs one of --private-key-file F or --keystore-file F${help}`,
    );
    expect((await runHost(["accounts", "show", "0x1234"], dirs)).stderr).toBe(
      `vaughan-host: invalid address "0x1234"${help}`,
    );
    expect((await runHost(["accounts", "frobnicate"], dirs)).code).toBe(2);
  });

  it("imports a private key and a keystore while the daemon runs unlocked, and both sign for a site", async () => {
    extension = await openNativeClient(dirs);
    expect(await uiCall(extension, "vaughan_unlock", [TEST_PASSWORD])).toEqual({ result: true });
    const key = file("key.txt", `${IMPORTED_KEY}\n`);
    expect(
      (
        await runHostOk(
          ["accounts", "import", "--private-key-file", key, "--name", "Imported", "--password-file", pw],
          dirs,
        )
      ).stdout,
    ).toBe(`${IMPORTED}  Imported\n`);
    const keystore = file("keystore.json", JSON.stringify(PBKDF2_VECTOR));
    const keystorePassword = file("keystore-password", `${KEYSTORE_PASSWORD}\n`);
    expect(
      (
        await runHostOk(
          [
            "accounts",
            "import",
            "--keystore-file",
            keystore,
            "--keystore-password-file",
            keystorePassword,
            "--password-file",
            pw,
          ],
          dirs,
        )
      ).stdout,
    ).toBe(`${FROM_KEYSTORE}  Account 4\n`);
    // The same key twice is refused.
    expect(
      (await runHost(["accounts", "import", "--private-key-file", key, "--password-file", pw], dirs)).stderr,
    ).toBe(`vaughan-host: ${IMPORTED} is already in the wallet\n`);
    // The running daemon read the vault again: it lists and signs with the new accounts.
    const status = (await uiCall(extension, "vaughan_status")).result as {
      accounts: Array<{ address: string }>;
      locked: boolean;
    };
    expect(status.locked).toBe(false);
    expect(status.accounts.map((a) => a.address)).toEqual(expect.arrayContaining([IMPORTED, FROM_KEYSTORE]));

    const connected = rpcSend(extension, ORIGIN, "eth_requestAccounts");
    await answerApproval(extension, "connect", true, [IMPORTED, FROM_KEYSTORE]);
    expect((await connected()).result).toEqual(
      expect.arrayContaining([IMPORTED.toLowerCase(), FROM_KEYSTORE.toLowerCase()]),
    );
    for (const address of [IMPORTED, FROM_KEYSTORE]) {
      const message = `signed by ${address}`;
      const signed = rpcSend(extension, ORIGIN, "personal_sign", [toHex(message), address]);
      await answerApproval(extension, "sign-message", true);
      const { result } = await signed();
      expect(await recoverMessageAddress({ message, signature: result as Hex })).toBe(address);
    }
  }, 60_000);

  it("a hidden account is taken from sites at once (accountsChanged), refuses to sign there, and is not offered", async () => {
    const client = extension as NativeClient;
    client.messages.splice(0);
    // The daemon is unlocked, so the CLI asks it (no password needed).
    expect((await runHostOk(["accounts", "hide", IMPORTED], dirs)).stdout).toBe(
      `${IMPORTED}  Imported  (hidden)\n`,
    );
    const event = await client.next<{ origin: string; data: string[] }>(
      (m) => m.type === "event" && m.event === "accountsChanged" && m.origin === ORIGIN,
    );
    expect(event.data).toEqual([FROM_KEYSTORE.toLowerCase()]);
    expect(await rpcSend(client, ORIGIN, "eth_accounts")()).toEqual({
      result: [FROM_KEYSTORE.toLowerCase()],
    });
    const refused = await rpcSend(client, ORIGIN, "personal_sign", [toHex("no"), IMPORTED])();
    expect(refused.error?.code).toBe(4100);
    const offered = rpcSend(client, "https://other.example", "eth_requestAccounts");
    const approval = await answerApproval(client, "connect", false);
    const accounts = (approval.details.accounts as Array<{ address: string }>).map((a) => a.address);
    expect(accounts).not.toContain(IMPORTED);
    expect(accounts).toContain(FROM_KEYSTORE);
    expect((await offered()).error?.code).toBe(4001);
    // Shown again through the UI call: the site sees it again, its grant was kept.
    expect((await uiCall(client, "vaughan_setAccountHidden", [IMPORTED, false])).result).toEqual({
      address: IMPORTED,
      name: "Imported",
    });
    expect(((await rpcSend(client, ORIGIN, "eth_accounts")()).result as string[]).sort()).toEqual(
      [IMPORTED.toLowerCase(), FROM_KEYSTORE.toLowerCase()].sort(),
    );
  }, 60_000);

  it("adds and renames through the daemon's UI calls; the file lists them while locked", async () => {
    const client = extension as NativeClient;
    expect((await uiCall(client, "vaughan_addAccount", ["Trading"])).result).toEqual({
      address: HD_2,
      name: "Trading",
    });
    expect((await uiCall(client, "vaughan_renameAccount", [HD_2, "Trade"])).result).toEqual({
      address: HD_2,
      name: "Trade",
    });
    await uiCall(client, "vaughan_lock");
    expect((await listed()).map((a: { name: string }) => a.name)).toEqual([
      "Account 1",
      "Cold storage",
      "Imported",
      "Account 4",
      "Trade",
    ]);
  }, 60_000);
});
