import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * The lint and the type check as part of the test run: CI runs `npm test` alone, and a change
 * that breaks either must fail there, with the tool's own report as the failure. Each runs once
 * per run, from this one file (tsc alone takes tens of seconds on two busy cores), and runs the
 * package.json script itself, so it checks exactly what `npm run lint` and `npm run typecheck` do.
 */
function npmRun(script: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", script, "--", ...args],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

const TEN_MINUTES = 600_000;

describe("static checks", () => {
  it(
    "npm run lint (biome check .) reports nothing",
    async () => {
      const { code, output } = await npmRun("lint", ["--colors=off"]);
      expect(code, `npm run lint failed:\n${output}`).toBe(0);
    },
    TEN_MINUTES,
  );

  it(
    "npm run typecheck (tsc --noEmit) reports nothing",
    async () => {
      const { code, output } = await npmRun("typecheck", ["--pretty", "false"]);
      expect(code, `npm run typecheck failed:\n${output}`).toBe(0);
    },
    TEN_MINUTES,
  );
});
