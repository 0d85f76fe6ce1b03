import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHost, type TempDirs, tempDirs } from "./support/host.js";

/** A new wallet made by a script still shows its phrase once, and the phrase can be shown again. */
describe("recovery phrase", () => {
  let dirs: TempDirs;
  let quiet: TempDirs;
  let password: string;

  beforeAll(() => {
    dirs = tempDirs();
    quiet = tempDirs();
    password = join(dirs.root, "pw");
    writeFileSync(password, "a long enough password\n");
  });
  afterAll(async () => {
    await dirs.cleanup();
    await quiet.cleanup();
  });

  it("init --password-file prints the new phrase once on stderr, the address alone on stdout", async () => {
    const init = await runHost(["init", "--password-file", password], dirs);
    expect(init.code).toBe(0);
    const phrase = /^ {4}([a-z]+(?: [a-z]+){11})$/m.exec(init.stderr)?.[1];
    expect(phrase).toBeDefined();
    expect(init.stdout).toBe(`${mnemonicToAccount(phrase as string).address}\n`);

    const reveal = await runHost(["reveal-phrase", "--password-file", password], dirs);
    expect(reveal).toEqual({
      code: 0,
      stdout: `${phrase}\n`,
      stderr: "warning: anyone who has this phrase owns the wallet; write it on paper and keep it offline\n",
    });
  }, 60_000);

  it("reveal-phrase refuses a wrong password in one line", async () => {
    const wrong = join(dirs.root, "wrong");
    writeFileSync(wrong, "not the password at all\n");
    expect(await runHost(["reveal-phrase", "--password-file", wrong], dirs)).toEqual({
      code: 1,
      stdout: "",
      stderr: "vaughan-host: wrong password\n",
    });
  }, 60_000);

  it("--no-show-phrase keeps it hidden, with a warning that says how to see it", async () => {
    const init = await runHost(["init", "--password-file", password, "--no-show-phrase"], quiet);
    expect(init.code).toBe(0);
    expect(init.stderr).toBe(
      "warning: the new recovery phrase was not shown; run `vaughan-host reveal-phrase` and write it down\n",
    );
    const phrase = (await runHost(["reveal-phrase", "--password-file", password], quiet)).stdout.trim();
    expect(init.stdout).toBe(`${mnemonicToAccount(phrase).address}\n`);
  }, 60_000);
});
