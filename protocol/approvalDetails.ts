import * as z from "zod";
import "./zodConfig.js";
import type { ApprovalKind } from "./messages.js";

/**
 * What the approval window shows, per kind of approval, as the host builds it. The host decodes,
 * simulates and decides every warning; the window only renders these values (as text, never as
 * HTML) and sends back the answer. Amounts arrive formatted; base units travel beside them for
 * tests and for people who want the raw number.
 */

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const HexDataSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/)
  .max(2 * 1024 * 1024);
/** A decimal integer in base units, signed where it is a change. */
const DecimalSchema = z.string().regex(/^-?\d{1,80}$/);
const Text = (max: number) => z.string().max(max);

/** `danger` needs the person's acknowledgement before approve arms; the host checks it again. */
export const WarningSeveritySchema = z.enum(["danger", "caution", "info"]);
export type WarningSeverity = z.infer<typeof WarningSeveritySchema>;

/** An address with the name the wallet knows it by (own account, watched token), if any. */
export const NamedAddressSchema = z.object({ address: AddressSchema, name: Text(128).optional() }).strict();
export type NamedAddress = z.infer<typeof NamedAddressSchema>;

/**
 * One warning. Codes are stable (tests and people rely on them): `unlimited-approval`,
 * `approval-for-all`, `permit`, `eoa-spender`, `siwe-domain-mismatch`, `simulation-reverts`,
 * `simulation-unavailable`, `unsigned-fields`, and others the host adds.
 */
export const WarningSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(64),
    severity: WarningSeveritySchema,
    /** One sentence for a person: what can be lost, and why the host thinks so. */
    message: Text(512),
    /**
     * The address the message is about, which the message names in its short form
     * (`0x7099…79C8`): the window shows that form with the full address on hover and to copy.
     */
    address: NamedAddressSchema.optional(),
  })
  .strict();
export type Warning = z.infer<typeof WarningSchema>;

export const TokenStandardSchema = z.enum(["erc20", "erc721", "erc1155"]);
export type TokenStandard = z.infer<typeof TokenStandardSchema>;

/** A token as read from its own contract on the chain (name, symbol, decimals where it has them). */
export const TokenRefSchema = z
  .object({
    address: AddressSchema,
    standard: TokenStandardSchema.optional(),
    name: Text(128).optional(),
    symbol: Text(32).optional(),
    decimals: z.number().int().min(0).max(255).optional(),
  })
  .strict();
export type TokenRef = z.infer<typeof TokenRefSchema>;

/** An amount: base units, and how a person reads it ("1.5 FTK", "unlimited FTK"). */
export const AmountSchema = z
  .object({ raw: DecimalSchema, formatted: Text(128), unlimited: z.boolean().optional() })
  .strict();
export type Amount = z.infer<typeof AmountSchema>;

/** A moment a signature or permission ends: ISO 8601 when it fits a Date, else `never`. */
export const DeadlineSchema = z
  .object({
    raw: DecimalSchema,
    /** null: no end a Date can hold (the field's maximum), or zero where zero means never. */
    iso: Text(40).nullable(),
    formatted: Text(128),
  })
  .strict();
export type Deadline = z.infer<typeof DeadlineSchema>;

/** One decoded argument: its ABI name and type, a display value, and what it refers to. */
export const DecodedArgSchema = z
  .object({
    name: Text(64),
    type: Text(64),
    value: Text(4096),
    address: NamedAddressSchema.optional(),
    amount: AmountSchema.optional(),
  })
  .strict();
export type DecodedArg = z.infer<typeof DecodedArgSchema>;

/** A call decoded from the curated ABI table; `calls` holds a multicall's inner calls. */
export interface DecodedCall {
  /** Canonical signature, e.g. `approve(address,uint256)`. */
  signature: string;
  /** Set only when the chain confirms the target is one (ERC-165, `decimals()`). */
  standard?: TokenStandard;
  token?: TokenRef;
  args: DecodedArg[];
  calls?: DecodedCall[];
}
export const DecodedCallSchema: z.ZodType<DecodedCall> = z.lazy(() =>
  z
    .object({
      signature: Text(256),
      standard: TokenStandardSchema.optional(),
      token: TokenRefSchema.optional(),
      args: z.array(DecodedArgSchema).max(64),
      calls: z.array(DecodedCallSchema).max(64).optional(),
    })
    .strict(),
);

/** One simulated change to the account's holdings. */
export const AssetChangeSchema = z
  .object({
    /** `native` or the token's lower-case address. */
    asset: z.union([z.literal("native"), z.string().regex(/^0x[0-9a-f]{40}$/)]),
    token: TokenRefSchema.optional(),
    /** NFTs: the token id in decimal. */
    tokenId: DecimalSchema.optional(),
    /** Signed, in base units. */
    delta: DecimalSchema,
    /** "−0.01 ETH", "+1 Fixture NFT #7". */
    formatted: Text(160),
  })
  .strict();
export type AssetChange = z.infer<typeof AssetChangeSchema>;

/** A permission the simulated transaction grants (`Approval`, `ApprovalForAll`). */
export const GrantSchema = z
  .object({
    token: TokenRefSchema,
    spender: NamedAddressSchema,
    /** ERC-20 allowance. */
    amount: AmountSchema.optional(),
    /** ERC-721 single-token approval. */
    tokenId: DecimalSchema.optional(),
    /** `ApprovalForAll(…, true)`; false for a revocation. */
    all: z.boolean().optional(),
  })
  .strict();
export type Grant = z.infer<typeof GrantSchema>;

/**
 * The simulation's state. The window opens with `pending` and the host sends the result when the
 * node answers (an `approval-update`); `unavailable` when the node cannot simulate (the revert
 * check then comes from `eth_estimateGas`).
 */
export const SimulationSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("pending") }).strict(),
  z
    .object({
      status: z.literal("ok"),
      changes: z.array(AssetChangeSchema).max(256),
      grants: z.array(GrantSchema).max(256),
      gasUsed: DecimalSchema.optional(),
      /** The chain's RPC was proposed by a site: the results are only as honest as that node. */
      siteProposedRpc: z.boolean(),
    })
    .strict(),
  z
    .object({
      status: z.literal("reverts"),
      reason: Text(1024),
      siteProposedRpc: z.boolean(),
    })
    .strict(),
  z
    .object({
      status: z.literal("unavailable"),
      reason: Text(1024),
      /** What `eth_estimateGas` said instead: null when it did not revert. */
      reverts: Text(1024).nullable(),
    })
    .strict(),
]);
export type Simulation = z.infer<typeof SimulationSchema>;

/** Fee choice for a transaction: each speed with its fields and the most it can cost. */
export const FeeOptionSchema = z
  .object({
    speed: z.enum(["slow", "normal", "fast"]),
    /** EIP-1559 chains. */
    maxFeePerGas: DecimalSchema.optional(),
    maxPriorityFeePerGas: DecimalSchema.optional(),
    /** Legacy chains. */
    gasPrice: DecimalSchema.optional(),
    /** gas × max fee, in the native currency. */
    maxCost: AmountSchema,
  })
  .strict();
export type FeeOption = z.infer<typeof FeeOptionSchema>;

export const FeesSchema = z
  .object({
    type: z.enum(["eip1559", "legacy"]),
    gas: DecimalSchema,
    nonce: z.number().int().min(0),
    options: z.array(FeeOptionSchema).max(3),
    /** The speed chosen when the window opens (the dApp's own fees count as `normal`). */
    selected: z.enum(["slow", "normal", "fast"]),
  })
  .strict();
export type Fees = z.infer<typeof FeesSchema>;

/** One field of typed data as hashed, walked from `types` from the primary type. */
export interface TypedField {
  name: string;
  type: string;
  /** Leaves: the display value. */
  value?: string;
  address?: NamedAddress;
  amount?: Amount;
  deadline?: Deadline;
  /** Structs and arrays. */
  children?: TypedField[];
}
export const TypedFieldSchema: z.ZodType<TypedField> = z.lazy(() =>
  z
    .object({
      name: Text(256),
      type: Text(256),
      value: Text(4096).optional(),
      address: NamedAddressSchema.optional(),
      amount: AmountSchema.optional(),
      deadline: DeadlineSchema.optional(),
      children: z.array(TypedFieldSchema).max(1024).optional(),
    })
    .strict(),
);

/** A field present in the request but not declared by its types: shown apart, never signed. */
export const UnsignedFieldSchema = z.object({ path: Text(512), value: Text(4096) }).strict();
export type UnsignedField = z.infer<typeof UnsignedFieldSchema>;

/** A recognised permit: who may take what, until when. */
export const PermitSchema = z
  .object({
    kind: z.enum([
      "eip2612",
      "dai",
      "permit2-single",
      "permit2-batch",
      "permit2-transfer",
      "permit2-batch-transfer",
      "permit2-witness-transfer",
    ]),
    spender: NamedAddressSchema,
    items: z
      .array(
        z
          .object({ token: TokenRefSchema, amount: AmountSchema, expiration: DeadlineSchema.optional() })
          .strict(),
      )
      .max(64),
    deadline: DeadlineSchema.optional(),
  })
  .strict();
export type Permit = z.infer<typeof PermitSchema>;

/** An EIP-4361 message's fields, as parsed. */
export const SiweSchema = z
  .object({
    domain: Text(256),
    address: AddressSchema,
    statement: Text(4096).optional(),
    uri: Text(2048),
    version: Text(8),
    chainId: z.number().int(),
    nonce: Text(256),
    issuedAt: Text(64),
    expirationTime: Text(64).optional(),
    notBefore: Text(64).optional(),
    requestId: Text(256).optional(),
    resources: z.array(Text(2048)).max(64).optional(),
    scheme: Text(32).optional(),
  })
  .strict();
export type Siwe = z.infer<typeof SiweSchema>;

/** Every kind says what it does in one line and carries its warnings, most severe first. */
const common = {
  /** "Send 0.01 ETH to 0x7099…79C8", built by the host from the decoded request. */
  summary: Text(512),
  warnings: z.array(WarningSchema).max(32),
};

export const ConnectDetailsSchema = z
  .object({
    ...common,
    accounts: z.array(NamedAddressSchema.required({ name: true })).max(1000),
    selected: AddressSchema.nullable(),
  })
  .strict();

export const SignMessageDetailsSchema = z
  .object({
    ...common,
    address: NamedAddressSchema,
    /** `text` when the bytes are readable UTF-8. */
    message: z.object({ text: Text(1024 * 1024).optional(), hex: HexDataSchema }).strict(),
    siwe: SiweSchema.optional(),
  })
  .strict();

export const SignTypedDataDetailsSchema = z
  .object({
    ...common,
    address: NamedAddressSchema,
    version: z.enum(["v1", "v3", "v4"]),
    primaryType: Text(256),
    domain: z.array(TypedFieldSchema).max(64),
    message: z.array(TypedFieldSchema).max(1024),
    unsigned: z.array(UnsignedFieldSchema).max(256),
    permit: PermitSchema.optional(),
  })
  .strict();

export const SendTransactionDetailsSchema = z
  .object({
    ...common,
    from: NamedAddressSchema,
    /** null: a contract creation. */
    to: NamedAddressSchema.nullable(),
    value: AmountSchema,
    data: HexDataSchema,
    call: DecodedCallSchema.optional(),
    fees: FeesSchema,
    simulation: SimulationSchema,
  })
  .strict();

export const SendCallsDetailsSchema = z
  .object({
    ...common,
    from: NamedAddressSchema,
    calls: z
      .array(
        z
          .object({
            to: NamedAddressSchema.nullable(),
            value: AmountSchema,
            data: HexDataSchema,
            call: DecodedCallSchema.optional(),
          })
          .strict(),
      )
      .max(64),
    fees: FeesSchema,
    simulation: SimulationSchema,
  })
  .strict();

export const AddChainDetailsSchema = z
  .object({
    ...common,
    chainId: z.number().int().positive(),
    name: Text(128),
    symbol: Text(32),
    decimals: z.number().int().min(0).max(36),
    rpcUrl: Text(2048),
    explorerUrl: Text(2048).optional(),
  })
  .strict();

const ChainNameSchema = z.object({ chainId: z.number().int().positive(), name: Text(128) }).strict();
export const SwitchChainDetailsSchema = z
  .object({ ...common, from: ChainNameSchema, to: ChainNameSchema })
  .strict();

export const WatchAssetDetailsSchema = z
  .object({
    ...common,
    token: TokenRefSchema,
    tokenId: DecimalSchema.optional(),
    image: Text(2048).optional(),
    /** The account's balance read from the chain before asking. */
    balance: AmountSchema.optional(),
  })
  .strict();

export const UnlockDetailsSchema = z.object({}).strict();

/** Each approval kind with its details' schema: the host builds, the window renders these. */
export const APPROVAL_DETAILS = {
  unlock: UnlockDetailsSchema,
  connect: ConnectDetailsSchema,
  "sign-message": SignMessageDetailsSchema,
  "sign-typed-data": SignTypedDataDetailsSchema,
  "send-transaction": SendTransactionDetailsSchema,
  "send-calls": SendCallsDetailsSchema,
  "add-chain": AddChainDetailsSchema,
  "switch-chain": SwitchChainDetailsSchema,
  "watch-asset": WatchAssetDetailsSchema,
} as const satisfies Record<ApprovalKind, z.ZodType>;

export type ApprovalDetails<K extends ApprovalKind> = z.infer<(typeof APPROVAL_DETAILS)[K]>;

/**
 * What can change after the window opened: the simulation's result and the warnings it brings.
 * A warning that arrives later disarms approve again, as one shown at first would.
 */
export const ApprovalUpdateSchema = z
  .object({ simulation: SimulationSchema, warnings: z.array(WarningSchema).max(32) })
  .strict();
export type ApprovalUpdate = z.infer<typeof ApprovalUpdateSchema>;

/** The answer's extras: accounts for `connect`, the acknowledgement of `danger` warnings, the fee chosen. */
export const ApprovalAnswerExtrasSchema = z
  .object({
    accounts: z.array(z.string().max(42)).max(100).optional(),
    /** The person ticked the box beside the `danger` warnings; the host refuses an approve without it. */
    acknowledged: z.boolean().optional(),
    fee: z
      .union([
        z.object({ speed: z.enum(["slow", "normal", "fast"]) }).strict(),
        z
          .object({
            custom: z
              .object({
                gas: DecimalSchema.optional(),
                maxFeePerGas: DecimalSchema.optional(),
                maxPriorityFeePerGas: DecimalSchema.optional(),
                gasPrice: DecimalSchema.optional(),
                nonce: z.number().int().min(0).optional(),
              })
              .strict(),
          })
          .strict(),
      ])
      .optional(),
  })
  .strict();
export type ApprovalAnswerExtras = z.infer<typeof ApprovalAnswerExtrasSchema>;
