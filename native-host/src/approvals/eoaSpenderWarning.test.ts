import { describe, expect, it } from "vitest";
import { eoaSpenderWarning } from "./eoaSpenderWarning.js";

const SPENDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("eoaSpenderWarning", () => {
  it("says the same for an approval and a signature, but for what the person is about to do", () => {
    const approve = eoaSpenderWarning({ address: SPENDER }, "approve");
    const sign = eoaSpenderWarning({ address: SPENDER }, "sign");
    expect(approve).toEqual({
      code: "eoa-spender",
      severity: "danger",
      message:
        "0x7099…79C8 is an ordinary account, not a contract: whoever holds its key can take the tokens this approval allows, at once. Approve only if you know who holds it.",
      address: { address: SPENDER },
    });
    expect(sign.message).toBe(
      approve.message.replace("this approval", "this signature").replace("Approve only", "Sign only"),
    );
  });

  it("leads with the wallet's name for the address, the short form beside it", () => {
    const named = { address: SPENDER, name: "Account 2" };
    const warning = eoaSpenderWarning(named, "sign");
    expect(warning.message).toMatch(/^Account 2 \(0x7099…79C8\) is an ordinary account/);
    expect(warning.address).toEqual(named);
  });
});
