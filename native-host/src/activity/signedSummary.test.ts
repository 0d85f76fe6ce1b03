import { describe, expect, it } from "vitest";
import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { signMessageDetails } from "../approvals/signMessageDetails.js";
import { signTypedDataV1Details } from "../approvals/signTypedDataDetails.js";
import { signedMessageSummary, signedTypedDataSummary } from "./signedSummary.js";

const SIGNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const nameOf = () => undefined;
const text = (message: string) => `0x${Buffer.from(message, "utf8").toString("hex")}` as const;
const message = (data: `0x${string}`) =>
  signedMessageSummary(
    signMessageDetails({ data, signer: SIGNER, origin: "https://app.example", chainId: 1, nameOf }),
  );

describe("signedMessageSummary", () => {
  it("names the site signed in to, from the Sign-In with Ethereum reading", () => {
    const siwe = [
      "app.example wants you to sign in with your Ethereum account:",
      SIGNER,
      "",
      "URI: https://app.example",
      "Version: 1",
      "Chain ID: 1",
      "Nonce: 8d1f03a2c4",
      "Issued At: 2026-01-01T00:00:00.000Z",
    ].join("\n");
    expect(message(text(siwe))).toBe("Signed in to app.example");
  });

  it("quotes readable text on one line, cut to a bound, and says so for bytes", () => {
    expect(message(text("hello\n  world"))).toBe("Signed “hello world”");
    expect(message(text("x".repeat(200)))).toBe(`Signed “${"x".repeat(79)}…”`);
    expect(message("0xff00fe")).toBe("Signed a message");
  });
});

describe("signedTypedDataSummary", () => {
  const typed = (over: Partial<ApprovalDetails<"sign-typed-data">>): ApprovalDetails<"sign-typed-data"> => ({
    summary: "Sign Mail for Ether Mail as Account 1",
    warnings: [],
    address: { address: SIGNER },
    version: "v4",
    primaryType: "Mail",
    domain: [{ name: "name", type: "string", value: "Ether Mail" }],
    message: [],
    unsigned: [],
    ...over,
  });

  it("says a permit in the words of its summary", () => {
    const permit = typed({
      summary: "Allow 0x7099…79C8 to spend 100 FTK",
      permit: { kind: "eip2612", spender: { address: SIGNER }, items: [] },
    });
    expect(signedTypedDataSummary(permit)).toBe("Signed a permit to allow 0x7099…79C8 to spend 100 FTK");
  });

  it("names the primary type and the domain's name, or the type alone", () => {
    expect(signedTypedDataSummary(typed({}))).toBe("Signed Mail for Ether Mail");
    expect(signedTypedDataSummary(typed({ domain: [] }))).toBe("Signed Mail");
    const v1 = signTypedDataV1Details([{ type: "string", name: "note", value: "hi" }], SIGNER, nameOf);
    expect(signedTypedDataSummary(v1)).toBe("Signed typed data");
  });
});
