import { describe, expect, it } from "vitest";
import { RejectionTracker } from "../../../protocol/RejectionTracker.js";
import { HostLimits } from "./limits.js";

const code = (run: () => void) => {
  try {
    run();
    return "ok";
  } catch (error) {
    return (error as { code: number }).code;
  }
};

describe("HostLimits (layer 2)", () => {
  it("per origin: the default tiers, -32005 past them; local-state methods spend nothing", () => {
    const limits = new HostLimits(new RejectionTracker(), undefined, () => 0);
    const signs = Array.from({ length: 22 }, () =>
      code(() => limits.check(1, "https://a.example", "personal_sign", true)),
    );
    expect(signs.filter((c) => c === "ok")).toHaveLength(20);
    expect(signs.slice(20)).toEqual([-32005, -32005]);
    for (let i = 0; i < 1000; i++) {
      for (const method of ["eth_chainId", "net_version", "eth_accounts", "wallet_getPermissions"] as const)
        expect(code(() => limits.check(1, "https://a.example", method, true))).toBe("ok");
    }
    expect(code(() => limits.check(1, "https://a.example", "wallet_switchEthereumChain", true))).toBe("ok");
    expect(code(() => limits.check(1, "https://b.example", "personal_sign", true))).toBe("ok");
  });

  it("per connection: many origins on one session share a scaled budget", () => {
    const limits = new HostLimits(new RejectionTracker(), undefined, () => 0);
    // Each origin may burst 20 signatures; the session allows 20 × 10 = 200.
    const results = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 10 }, () =>
        code(() => limits.check(7, `https://s${i}.example`, "personal_sign", true)),
      ),
    ).flat();
    expect(results.filter((r) => r === "ok")).toHaveLength(200);
    // Another connection still has its own budget.
    expect(code(() => limits.check(8, "https://s100.example", "personal_sign", true))).toBe("ok");
  });

  it("globally: every connection together is capped", () => {
    const limits = new HostLimits(new RejectionTracker(), undefined, () => 0);
    let ok = 0;
    for (let s = 0; s < 40; s++)
      for (let i = 0; i < 20; i++)
        if (code(() => limits.check(s, `https://g${s}-${i}.example`, "personal_sign", true)) === "ok") ok++;
    expect(ok).toBe(20 * 20);
  });

  it("unconnected origins spend budgets of their own, never the connected sites' ones", () => {
    const limits = new HostLimits(new RejectionTracker(), undefined, () => 0);
    // Thirty unconnected origins (a page's iframes, say), ten requests each, use up the
    // connection's unconnected share (20 × 10)...
    const refused = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 10 }, () =>
        code(() => limits.check(7, `https://frame${i}.example`, "eth_sendTransaction", false)),
      ),
    ).flat();
    expect(refused.filter((r) => r === "ok")).toHaveLength(200);
    // ...and the connected site on the same connection still signs.
    expect(code(() => limits.check(7, "https://app.example", "personal_sign", true))).toBe("ok");
  });

  it("a blocked origin gets 4100 for prompting methods while reads pass", () => {
    const rejections = new RejectionTracker();
    for (let i = 0; i < 3; i++) rejections.record("https://a.example", Date.now());
    const limits = new HostLimits(rejections);
    expect(code(() => limits.check(1, "https://a.example", "eth_sendTransaction", true))).toBe(4100);
    expect(code(() => limits.check(1, "https://a.example", "eth_requestAccounts", true))).toBe(4100);
    expect(code(() => limits.check(1, "https://a.example", "eth_blockNumber", true))).toBe("ok");
    expect(code(() => limits.check(1, "https://a.example", "eth_accounts", true))).toBe("ok");
  });
});
