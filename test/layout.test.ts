import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkLayout, outsideCitations, pathsLeavingRepository, protocolRuntime } from "./support/layout.js";

/** Planted examples are assembled at run time, so this file does not break its own rules. */
const doc = (name: string) => `${name}.md`;

describe("protocol/ imports no runtime", () => {
  it("finds node:, ws, the polyfill and imports out of protocol/", () => {
    const text = [
      'import { readFileSync } from "node:fs";',
      'import type Browser from "webextension-polyfill";',
      'const ws = await import("ws");',
      'import { HANDLERS } from "../native-host/src/rpc/handlers.js";',
      'import { MAX_BATCH } from "./constants.js";',
    ].join("\n");
    expect(protocolRuntime("protocol/x.ts", text).map((f) => [f.line, f.text])).toEqual([
      [1, "node:fs"],
      [2, "webextension-polyfill"],
      [3, "ws"],
      [4, "../native-host/src/rpc/handlers.js"],
    ]);
  });

  it("finds a runtime's globals in code, not in comments, strings or property names", () => {
    const text = [
      "const id = chrome.runtime.id;",
      "document.title = 'x';",
      "// window.postMessage in a comment",
      'const s = "process.env in a string";',
      "const node = (globalThis as { process?: { versions?: unknown } }).process?.versions;",
      "const schema = { browser: 1 };",
      "const home = process.env.HOME;",
    ].join("\n");
    expect(protocolRuntime("protocol/x.ts", text).map((f) => [f.line, f.text])).toEqual([
      [1, "chrome"],
      [2, "document"],
      [7, "process"],
    ]);
  });

  it("leaves tests and other folders alone", () => {
    const text = 'import { tmpdir } from "node:os";';
    expect(protocolRuntime("protocol/x.test.ts", text)).toEqual([]);
    expect(protocolRuntime("native-host/src/x.ts", text)).toEqual([]);
  });
});

describe("no relative path leaves the repository", () => {
  it("finds links and imports above the root, wherever the file is", () => {
    expect(pathsLeavingRepository("README.md", `see [it](../shared/${doc("ARCHITECTURE")})`)).toMatchObject([
      { line: 1, text: `../shared/${doc("ARCHITECTURE")}` },
    ]);
    expect(pathsLeavingRepository("docs/a.md", "[x](../../elsewhere/b.md)")).toHaveLength(1);
    expect(pathsLeavingRepository("test/x.ts", 'import "../../../lib.js";')).toHaveLength(1);
  });

  it("accepts paths that stay inside", () => {
    expect(pathsLeavingRepository("docs/a.md", "[x](../README.md) [y](./b.md)")).toEqual([]);
    expect(pathsLeavingRepository("native-host/src/x.ts", 'import "../../protocol/errors.js";')).toEqual([]);
  });
});

describe("no file cites a ticket or an outside document", () => {
  it("finds the team's outside documents and ticket numbers", () => {
    const text = [
      `// ${doc("SECURITY")} test 9: at most one window`,
      `/** As ${doc("CONTRACT")} says. */`,
      `// ${"Issue"} 6: the popup`,
      `// parse at each entry (${"habit"} 3)`,
      `// see ${"PR"} #12`,
    ].join("\n");
    expect(outsideCitations("x.ts", text).map((f) => f.line)).toEqual([1, 2, 3, 4, 5]);
    expect(outsideCitations("notes.md", `${"issue"} #7`)).toHaveLength(1);
  });

  it("accepts EIP numbers, threat ids, counts, our docs and upstream issue URLs", () => {
    const text = [
      "// EIP-1193 errors; EIP-5792 version 2.0.0",
      "// (T12) see docs/security.md and docs/interface.md",
      "// 3 tests, 10 issues found, 2 tickets sold",
      "// https://github.com/nodejs/node/issues/123",
    ].join("\n");
    expect(outsideCitations("x.ts", text)).toEqual([]);
  });
});

describe("the repository", () => {
  it("keeps every rule above: its own files break none", () => {
    const listed = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0");
    const files = listed
      .filter((file) => /\.(?:ts|mts|mjs|md)$/.test(file) && file !== "test/layout.test.ts")
      .map((file) => ({ file, text: readFileSync(file, "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(checkLayout(files)).toEqual([]);
  });
});
