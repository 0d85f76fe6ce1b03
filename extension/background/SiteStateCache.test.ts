import { describe, expect, it } from "vitest";
import { SiteStateCache } from "./SiteStateCache.js";

describe("SiteStateCache", () => {
  const A = "https://a.example";
  it("answers the three local methods from the host's copy, and nothing else", () => {
    const cache = new SiteStateCache();
    expect(cache.answer(A, "eth_chainId", undefined)).toBeUndefined();
    cache.set(A, { chainId: "0x7a69", accounts: ["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"] });
    expect(cache.answer(A, "eth_chainId", undefined)).toEqual({ result: "0x7a69" });
    expect(cache.answer(A, "net_version", [])).toEqual({ result: "31337" });
    expect(cache.answer(A, "eth_accounts", [])).toEqual({
      result: ["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"],
    });
    expect(cache.answer("https://b.example", "eth_chainId", undefined)).toBeUndefined();
    expect(cache.answer(A, "eth_blockNumber", undefined)).toBeUndefined();
    // Params are the host's to refuse.
    expect(cache.answer(A, "eth_chainId", [{}])).toBeUndefined();
    cache.set(A, null);
    expect(cache.answer(A, "eth_chainId", undefined)).toBeUndefined();
    cache.set(A, { chainId: "0x1", accounts: [] });
    cache.clear();
    expect(cache.answer(A, "eth_chainId", undefined)).toBeUndefined();
  });
});
