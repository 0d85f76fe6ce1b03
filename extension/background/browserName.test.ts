import { describe, expect, it } from "vitest";
import { browserName } from "./browserName.js";

describe("browserName", () => {
  it("is firefox for a moz-extension origin and chromium for a chrome-extension one", () => {
    expect(browserName("moz-extension://0b6c1c53-7c1f-4a3e-9a8e-4f1d2c3b4a5d")).toBe("firefox");
    expect(browserName("chrome-extension://abcdefghijklmnopabcdefghijklmnop")).toBe("chromium");
  });
});
