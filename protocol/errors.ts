/**
 * One error class per EIP-1193 / EIP-1474 code. Every layer throws these and serializes them
 * with `toRpcError`; `fromRpcError` turns a wire error back into the right class.
 * https://eips.ethereum.org/EIPS/eip-1193#provider-errors
 * https://eips.ethereum.org/EIPS/eip-1474#error-codes
 */

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export abstract class ProviderRpcError extends Error {
  abstract readonly code: number;
  readonly data?: unknown;
  constructor(message: string, options: { data?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.data = options.data;
  }

  /** The wire form: code, message and data; never a stack. */
  toRpcError(): RpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/**
 * The base of the class for one code: `code` on the class and on each error, and a `name` given
 * as text because the bundles minify class names. Declare a new class with it below and add it
 * to `CLASSES`, so `fromRpcError` maps its code back to it.
 */
function withCode<const C extends number>(code: C, name: string) {
  return class extends ProviderRpcError {
    static readonly code = code;
    readonly code = code;
    override name = name;
  };
}

/**
 * The base of a class whose standard fixes the message too (EIP-5792's codes): the message
 * defaults to the standard's words, and details travel in `data`, so a dApp matching on the
 * message still matches.
 */
function withStandardMessage<const C extends number>(code: C, name: string, standard: string) {
  return class extends withCode(code, name) {
    static readonly standardMessage = standard;
    constructor(message: string = standard, options: { data?: unknown; cause?: unknown } = {}) {
      super(message, options);
    }
  };
}

export class UserRejectedRequestError extends withCode(4001, "UserRejectedRequestError") {}
export class UnauthorizedError extends withCode(4100, "UnauthorizedError") {}
export class UnsupportedMethodError extends withCode(4200, "UnsupportedMethodError") {}
export class DisconnectedError extends withCode(4900, "DisconnectedError") {}
export class ChainDisconnectedError extends withCode(4901, "ChainDisconnectedError") {}
export class UnrecognizedChainError extends withCode(4902, "UnrecognizedChainError") {}
export class ResourceUnavailableError extends withCode(-32002, "ResourceUnavailableError") {}
export class LimitExceededError extends withCode(-32005, "LimitExceededError") {}
export class ParseError extends withCode(-32700, "ParseError") {}
export class InvalidRequestError extends withCode(-32600, "InvalidRequestError") {}
export class MethodNotFoundError extends withCode(-32601, "MethodNotFoundError") {}
export class InvalidParamsError extends withCode(-32602, "InvalidParamsError") {}
export class InternalError extends withCode(-32603, "InternalError") {}

// EIP-5792's codes, with the messages its table gives. https://eips.ethereum.org/EIPS/eip-5792#error-codes
export class UnsupportedNonOptionalCapabilityError extends withStandardMessage(
  5700,
  "UnsupportedNonOptionalCapabilityError",
  "Unsupported non-optional capability",
) {}
export class UnsupportedChainIdError extends withStandardMessage(
  5710,
  "UnsupportedChainIdError",
  "Unsupported chain id",
) {}
export class DuplicateIdError extends withStandardMessage(5720, "DuplicateIdError", "Duplicate ID") {}
export class UnknownBundleIdError extends withStandardMessage(
  5730,
  "UnknownBundleIdError",
  "Unknown bundle id",
) {}
export class BundleTooLargeError extends withStandardMessage(
  5740,
  "BundleTooLargeError",
  "Bundle too large",
) {}
export class AtomicReadyWalletRejectedUpgradeError extends withStandardMessage(
  5750,
  "AtomicReadyWalletRejectedUpgradeError",
  "Atomic-ready wallet rejected upgrade",
) {}
export class AtomicityNotSupportedError extends withStandardMessage(
  5760,
  "AtomicityNotSupportedError",
  "Atomicity not supported",
) {}

/** Every class above, for the mapping back. */
const CLASSES = [
  UserRejectedRequestError,
  UnauthorizedError,
  UnsupportedMethodError,
  DisconnectedError,
  ChainDisconnectedError,
  UnrecognizedChainError,
  ResourceUnavailableError,
  LimitExceededError,
  ParseError,
  InvalidRequestError,
  MethodNotFoundError,
  InvalidParamsError,
  InternalError,
  UnsupportedNonOptionalCapabilityError,
  UnsupportedChainIdError,
  DuplicateIdError,
  UnknownBundleIdError,
  BundleTooLargeError,
  AtomicReadyWalletRejectedUpgradeError,
  AtomicityNotSupportedError,
] as const;

type ErrorClass = new (message: string, options?: { data?: unknown }) => ProviderRpcError;
const BY_CODE: ReadonlyMap<number, ErrorClass> = new Map(CLASSES.map((Class) => [Class.code, Class]));

/**
 * The wire error back as a class. Codes we do not know (a chain node's own, say) keep their
 * code on a generic error so a dApp still sees what the node said.
 */
export function fromRpcError(error: RpcErrorObject): ProviderRpcError {
  const Class = BY_CODE.get(error.code) ?? withCode(error.code, "ProviderRpcError");
  return new Class(error.message, { data: error.data });
}

/** Anything thrown → a wire error. Unknown throws become -32603 with a fixed message, so no internal detail leaks. */
export function toRpcError(error: unknown): RpcErrorObject {
  if (error instanceof ProviderRpcError) return error.toRpcError();
  return { code: InternalError.code, message: "Internal error" };
}

/**
 * What a page sees: the host's wire reports an unknown method as -32601 (JSON-RPC), the
 * provider as 4200 (EIP-1193).
 */
export function toProviderError(error: RpcErrorObject): RpcErrorObject {
  if (error.code === MethodNotFoundError.code) return { ...error, code: UnsupportedMethodError.code };
  return error;
}
