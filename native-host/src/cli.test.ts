import { describe, expect, it } from "vitest";
import { oneLine } from "./cli.js";

describe("oneLine", () => {
  it("folds a message's line breaks so every CLI error is one line", () => {
    expect(oneLine("fetch failed\n  caused by: ECONNREFUSED\n")).toBe(
      "fetch failed; caused by: ECONNREFUSED",
    );
    expect(oneLine("plain")).toBe("plain");
  });
});
