import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runHost, stopDaemon, TEST_PASSWORD, tempDirs } from "../support/host.js";

// util-linux script(1) gives the child a real pseudo-terminal, as a person's shell would.
const SCRIPT = "/usr/bin/script";

/** First run at a terminal: the password asked twice without echo, the phrase shown once. */
describe.skipIf(!existsSync(SCRIPT))("npm start at a terminal", () => {
  const dirs = tempDirs();
  mkdirSync(dirs.fakeHome, { recursive: true });
  afterAll(() => dirs.cleanup());

  it("asks for the password twice with hidden typing, shows the new recovery phrase, starts the daemon", async () => {
    const { XDG_CONFIG_HOME: _ignored, ...base } = process.env;
    const child = spawn(SCRIPT, ["-qfec", `${process.execPath} scripts/start.mjs`, "/dev/null"], {
      env: { ...base, HOME: dirs.fakeHome, VAUGHAN_HOME: dirs.home },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let answered = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // Type the password at each prompt, as a person would, only once it is asked for.
      const prompts = out.match(/New wallet password: |Repeat the password: /g)?.length ?? 0;
      for (; answered < prompts; answered++) child.stdin.write(`${TEST_PASSWORD}\r`);
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end();
    expect(code, out).toBe(0);
    expect(answered).toBe(2);
    expect(out).not.toContain(TEST_PASSWORD);
    expect(out).toContain("It is shown once.");
    expect(out).toMatch(/^ {4}([a-z]+ ){11}[a-z]+\r?$/m);
    expect(out).toMatch(/Daemon started \(pid \d+/);

    // The typed password is the wallet's: the running daemon unlocks with it.
    const passwordFile = join(dirs.root, "password.txt");
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    expect((await runHost(["unlock", "--password-file", passwordFile], dirs)).stdout).toBe("unlocked\n");
    await stopDaemon(dirs.home);
  });
});
