import { describe, expect, it } from "vitest";
import type { ProviderRpcError } from "../../protocol/errors.js";
import { PageGate, type Ticket } from "./PageGate.js";

const A = "https://a.example";
const code = (outcome: Ticket | ProviderRpcError) => ("code" in outcome ? outcome.code : "admitted");

describe("PageGate (layer 1)", () => {
  it("one send-transaction in flight per origin: the rest -32002, and they spend no budget", () => {
    let now = 0;
    const gate = new PageGate(() => false, { now: () => now });
    const first = gate.admit(A, "port", "eth_sendTransaction") as Ticket;
    const rest = Array.from({ length: 99 }, () => code(gate.admit(A, "port", "eth_sendTransaction")));
    expect(new Set(rest)).toEqual(new Set([-32002]));
    // Another origin is independent.
    expect(code(gate.admit("https://b.example", "port2", "eth_sendTransaction"))).toBe("admitted");
    first.done(4001);
    now = 1000;
    expect(code(gate.admit(A, "port", "eth_sendTransaction"))).toBe("admitted");
  });

  it("an open approval window of that kind makes its twin -32002, even for connect", () => {
    const gate = new PageGate((origin, kind) => origin === A && kind === "connect");
    expect(code(gate.admit(A, "p", "eth_requestAccounts"))).toBe(-32002);
    expect(code(gate.admit(A, "p", "wallet_requestPermissions"))).toBe(-32002);
    expect(code(gate.admit(A, "p", "personal_sign"))).toBe("admitted");
  });

  it("concurrent eth_requestAccounts without a window are both forwarded (a connected site gets no prompt)", () => {
    const gate = new PageGate(() => false);
    expect(code(gate.admit(A, "p", "eth_requestAccounts"))).toBe("admitted");
    expect(code(gate.admit(A, "p", "eth_requestAccounts"))).toBe("admitted");
  });

  it("3 rejections in 30 s: prompting methods 4100 for 60 s, reads still served", () => {
    let now = 0;
    const gate = new PageGate(() => false, { now: () => now });
    for (let i = 0; i < 3; i++) {
      now += 2000;
      (gate.admit(A, "p", "personal_sign") as Ticket).done(4001);
    }
    expect(code(gate.admit(A, "p", "personal_sign"))).toBe(4100);
    expect(code(gate.admit(A, "p", "eth_requestAccounts"))).toBe(4100);
    expect(code(gate.admit(A, "p", "eth_chainId"))).toBe("admitted");
    expect(code(gate.admit(A, "p", "eth_accounts"))).toBe("admitted");
    expect(code(gate.admit("https://b.example", "q", "personal_sign"))).toBe("admitted");
    now += 60_000;
    expect(code(gate.admit(A, "p", "personal_sign"))).toBe("admitted");
  });

  it("3 rejections in 30 s in one tab, from three origins (iframes): that tab's prompts 4100, other tabs' not", () => {
    let now = 0;
    const gate = new PageGate(() => false, { now: () => now });
    for (const origin of ["https://f1.example", "https://f2.example", "https://f3.example"]) {
      now += 2000;
      (gate.admit(origin, 7, "eth_requestAccounts") as Ticket).done(4001);
    }
    expect(code(gate.admit("https://f4.example", 7, "eth_requestAccounts"))).toBe(4100);
    expect(code(gate.admit("https://f4.example", 7, "eth_chainId"))).toBe("admitted");
    expect(code(gate.admit("https://f4.example", 8, "eth_requestAccounts"))).toBe("admitted");
  });

  it("knows which tab an approval is for: the oldest request of that kind, else of that origin", () => {
    const gate = new PageGate(() => false);
    const first = gate.admit(A, 3, "personal_sign") as Ticket;
    gate.admit(A, 4, "eth_requestAccounts");
    expect(gate.tabOf(A, "sign-message")).toBe(3);
    expect(gate.tabOf(A, "connect")).toBe(4);
    expect(gate.tabOf(A, "unlock")).toBe(3);
    expect(gate.tabOf("https://b.example", "connect")).toBeUndefined();
    first.done(undefined);
    expect(gate.tabOf(A, "sign-message")).toBe(4);
  });

  it("other errors are not rejections", () => {
    const gate2 = new PageGate(() => false, { now: () => 0 });
    for (let i = 0; i < 3; i++) {
      const t = gate2.admit(A, "p", "eth_requestAccounts") as Ticket;
      t.done(-32602);
    }
    expect(code(gate2.admit(A, "p", "eth_requestAccounts"))).toBe("admitted");
  });

  it("rate limits per origin and tier with -32005; local-state methods spend nothing", () => {
    const gate = new PageGate(() => false, { now: () => 0 });
    const reads = Array.from({ length: 510 }, () =>
      code(gate.admit(A, `p${Math.random()}`, "eth_blockNumber")),
    );
    expect(reads.filter((c) => c === "admitted")).toHaveLength(500);
    expect(reads.filter((c) => c === -32005)).toHaveLength(10);
    for (const method of ["eth_chainId", "net_version", "eth_accounts", "wallet_getPermissions"]) {
      const local = Array.from({ length: 1000 }, () => gate.admit(A, `p${Math.random()}`, method));
      expect(local.every((t) => "done" in t)).toBe(true);
    }
  });

  it("past a tab's in-flight cap, requests wait in line and start in order as slots free; a full line is -32005", () => {
    const gate = new PageGate(() => false, { now: () => 0, maxInFlight: 3, maxQueued: 2 });
    const sent: number[] = [];
    const tickets = [0, 1, 2, 3, 4].map((i) => {
      const ticket = gate.admit(A, 7, "eth_chainId") as Ticket;
      ticket.start(() => sent.push(i));
      return ticket;
    });
    expect(sent).toEqual([0, 1, 2]);
    expect(code(gate.admit(A, 7, "eth_chainId"))).toBe(-32005);
    // Another tab has its own slots.
    expect(code(gate.admit(A, 8, "eth_chainId"))).toBe("admitted");
    tickets[1]?.done(undefined);
    tickets[1]?.done(undefined);
    expect(sent).toEqual([0, 1, 2, 3]);
    // A waiting request whose page left is dropped from the line without being sent.
    tickets[4]?.done(undefined);
    tickets[0]?.done(undefined);
    expect(sent).toEqual([0, 1, 2, 3]);
    const next = gate.admit(A, 7, "eth_chainId") as Ticket;
    next.start(() => sent.push(5));
    expect(sent).toEqual([0, 1, 2, 3, 5]);
  });

  it("unknown methods spend the 'other' budget and are otherwise left to the host", () => {
    const gate = new PageGate(() => false, { now: () => 0 });
    const results = Array.from({ length: 110 }, () => code(gate.admit(A, Math.random(), "eth_nope")));
    expect(results.filter((c) => c === "admitted")).toHaveLength(100);
  });
});
