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

export class UserRejectedRequestError extends ProviderRpcError {
  static readonly code = 4001 as const;
  readonly code = 4001;
  override name = "UserRejectedRequestError";
}
export class UnauthorizedError extends ProviderRpcError {
  static readonly code = 4100 as const;
  readonly code = 4100;
  override name = "UnauthorizedError";
}
export class UnsupportedMethodError extends ProviderRpcError {
  static readonly code = 4200 as const;
  readonly code = 4200;
  override name = "UnsupportedMethodError";
}
export class DisconnectedError extends ProviderRpcError {
  static readonly code = 4900 as const;
  readonly code = 4900;
  override name = "DisconnectedError";
}
export class ChainDisconnectedError extends ProviderRpcError {
  static readonly code = 4901 as const;
  readonly code = 4901;
  override name = "ChainDisconnectedError";
}
export class UnrecognizedChainError extends ProviderRpcError {
  static readonly code = 4902 as const;
  readonly code = 4902;
  override name = "UnrecognizedChainError";
}
export class ResourceUnavailableError extends ProviderRpcError {
  static readonly code = -32002 as const;
  readonly code = -32002;
  override name = "ResourceUnavailableError";
}
export class LimitExceededError extends ProviderRpcError {
  static readonly code = -32005 as const;
  readonly code = -32005;
  override name = "LimitExceededError";
}
export class ParseError extends ProviderRpcError {
  static readonly code = -32700 as const;
  readonly code = -32700;
  override name = "ParseError";
}
export class InvalidRequestError extends ProviderRpcError {
  static readonly code = -32600 as const;
  readonly code = -32600;
  override name = "InvalidRequestError";
}
export class MethodNotFoundError extends ProviderRpcError {
  static readonly code = -32601 as const;
  readonly code = -32601;
  override name = "MethodNotFoundError";
}
export class InvalidParamsError extends ProviderRpcError {
  static readonly code = -32602 as const;
  readonly code = -32602;
  override name = "InvalidParamsError";
}
export class InternalError extends ProviderRpcError {
  static readonly code = -32603 as const;
  readonly code = -32603;
  override name = "InternalError";
}

const byCode = {
  4001: UserRejectedRequestError,
  4100: UnauthorizedError,
  4200: UnsupportedMethodError,
  4900: DisconnectedError,
  4901: ChainDisconnectedError,
  4902: UnrecognizedChainError,
  [-32002]: ResourceUnavailableError,
  [-32005]: LimitExceededError,
  [-32700]: ParseError,
  [-32600]: InvalidRequestError,
  [-32601]: MethodNotFoundError,
  [-32602]: InvalidParamsError,
  [-32603]: InternalError,
} as const;

/**
 * The wire error back as a class. Codes we do not know (a chain node's own, say) keep their
 * code on a generic error so a dApp still sees what the node said.
 */
export function fromRpcError(error: RpcErrorObject): ProviderRpcError {
  const Known = (byCode as Record<number, new (m: string, o?: { data?: unknown }) => ProviderRpcError>)[
    error.code
  ];
  if (Known) return new Known(error.message, { data: error.data });
  return new (class extends ProviderRpcError {
    readonly code = error.code;
  })(error.message, { data: error.data });
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
