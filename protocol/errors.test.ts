import { describe, expect, it } from "vitest";
import {
  AtomicityNotSupportedError,
  AtomicReadyWalletRejectedUpgradeError,
  BundleTooLargeError,
  ChainDisconnectedError,
  DisconnectedError,
  DuplicateIdError,
  fromRpcError,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
  LimitExceededError,
  MethodNotFoundError,
  ParseError,
  ResourceUnavailableError,
  toProviderError,
  toRpcError,
  UnauthorizedError,
  UnknownBundleIdError,
  UnrecognizedChainError,
  UnsupportedChainIdError,
  UnsupportedMethodError,
  UnsupportedNonOptionalCapabilityError,
  UserRejectedRequestError,
} from "./errors.js";

const classes = [
  [UserRejectedRequestError, 4001],
  [UnauthorizedError, 4100],
  [UnsupportedMethodError, 4200],
  [DisconnectedError, 4900],
  [ChainDisconnectedError, 4901],
  [UnrecognizedChainError, 4902],
  [ResourceUnavailableError, -32002],
  [LimitExceededError, -32005],
  [ParseError, -32700],
  [InvalidRequestError, -32600],
  [MethodNotFoundError, -32601],
  [InvalidParamsError, -32602],
  [InternalError, -32603],
  [UnsupportedNonOptionalCapabilityError, 5700],
  [UnsupportedChainIdError, 5710],
  [DuplicateIdError, 5720],
  [UnknownBundleIdError, 5730],
  [BundleTooLargeError, 5740],
  [AtomicReadyWalletRejectedUpgradeError, 5750],
  [AtomicityNotSupportedError, 5760],
] as const;

/** EIP-5792's table: each code with the exact message it gives. */
const eip5792 = [
  [UnsupportedNonOptionalCapabilityError, 5700, "Unsupported non-optional capability"],
  [UnsupportedChainIdError, 5710, "Unsupported chain id"],
  [DuplicateIdError, 5720, "Duplicate ID"],
  [UnknownBundleIdError, 5730, "Unknown bundle id"],
  [BundleTooLargeError, 5740, "Bundle too large"],
  [AtomicReadyWalletRejectedUpgradeError, 5750, "Atomic-ready wallet rejected upgrade"],
  [AtomicityNotSupportedError, 5760, "Atomicity not supported"],
] as const;

describe("error mapping", () => {
  it.each(classes)("%o carries code %i both ways", (Class, code) => {
    const error = new Class("message", { data: { x: 1 } });
    expect(Class.code).toBe(code);
    expect(error.name).toBe(Class.name);
    const wire = error.toRpcError();
    expect(wire).toEqual({ code, message: "message", data: { x: 1 } });
    const back = fromRpcError(wire);
    expect(back).toBeInstanceOf(Class);
    expect(back.toRpcError()).toEqual(wire);
  });

  it.each(eip5792)("%o gives EIP-5792's code %i and message %s by default", (Class, code, message) => {
    const error = new Class(undefined, { data: { why: "detail" } });
    expect(error.toRpcError()).toEqual({ code, message, data: { why: "detail" } });
    expect(new Class().toRpcError()).toEqual({ code, message });
    expect(fromRpcError({ code, message })).toBeInstanceOf(Class);
  });

  it("keeps an unknown code (a node's own) and its data", () => {
    const back = fromRpcError({ code: 3, message: "execution reverted", data: "0x08c379a0" });
    expect(back.toRpcError()).toEqual({ code: 3, message: "execution reverted", data: "0x08c379a0" });
  });

  it("turns anything that is not ours into -32603 without details or stacks", () => {
    expect(toRpcError(new Error("secret path /home/x"))).toEqual({ code: -32603, message: "Internal error" });
    expect(toRpcError("boom")).toEqual({ code: -32603, message: "Internal error" });
    expect(JSON.stringify(new InvalidParamsError("x").toRpcError())).not.toContain("stack");
  });

  it("shows the page 4200 where the host's wire says -32601", () => {
    expect(toProviderError({ code: -32601, message: "nope" })).toEqual({ code: 4200, message: "nope" });
    expect(toProviderError({ code: 4001, message: "no" })).toEqual({ code: 4001, message: "no" });
  });
});
