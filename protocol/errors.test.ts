import { describe, expect, it } from "vitest";
import {
  ChainDisconnectedError,
  DisconnectedError,
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
  UnrecognizedChainError,
  UnsupportedMethodError,
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
