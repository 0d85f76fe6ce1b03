import { getAddress, isAddress } from "viem";
import type { TypedField, UnsignedField } from "../../../protocol/approvalDetails.js";
import { type NameOf, namedAddress } from "./accountNames.js";

/** Typed data as the handler parsed it (v3/v4): the parts that are hashed, and what came beside them. */
export interface TypedDataInput {
  types: Record<string, ReadonlyArray<{ name: string; type: string }>>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

/** What the window shows: the signed fields of the domain and message, and the rest apart. */
export interface TypedDataView {
  domain: TypedField[];
  message: TypedField[];
  unsigned: UnsignedField[];
}

/** The wire's bounds (TypedFieldSchema, UnsignedFieldSchema): longer text is cut visibly. */
const MAX_VALUE = 4096;
const MAX_NAME = 256;
const MAX_PATH = 512;
const MAX_CHILDREN = 1024;
const MAX_UNSIGNED = 256;
const MAX_DOMAIN = 64;

/** Cut to `max` characters, saying how long the whole was so a cut is never mistaken for the end. */
export function clip(text: string, max = MAX_VALUE): string {
  if (text.length <= max) return text;
  const note = ` … (${text.length} characters in all)`;
  return `${text.slice(0, max - note.length)}${note}`;
}

// Control characters (but newline and tab), zero-width characters and bidi controls would let
// a value hide or reorder what it says; each is shown as its escape instead.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Text with every hiding character written as `\u{…}`. */
export function visible(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}}`);
}

const ARRAY = /^(.+)\[(\d*)\]$/;
const INTEGER = /^u?int(\d*)$/;

/** Any value as one line of text: strings as themselves, the rest as JSON. */
function anyText(value: unknown): string {
  if (typeof value === "string") return visible(value);
  try {
    return visible(JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** A leaf as a person reads it. The value already hashed, so it has the type's shape. */
function leaf(name: string, type: string, value: unknown, nameOf: NameOf): TypedField {
  const field: TypedField = { name: clip(visible(name), MAX_NAME), type: clip(visible(type), MAX_NAME) };
  if (type === "address" && typeof value === "string" && isAddress(value, { strict: false })) {
    field.address = namedAddress(value, nameOf);
    field.value = field.address.address;
  } else if (INTEGER.test(type) && (typeof value === "string" || typeof value === "number")) {
    try {
      field.value = BigInt(value).toString(10);
    } catch {
      field.value = clip(anyText(value));
    }
  } else if (type === "bool") {
    field.value = value === true ? "true" : value === false ? "false" : clip(anyText(value));
  } else if (type.startsWith("bytes") && typeof value === "string") {
    field.value = clip(value.toLowerCase());
  } else {
    field.value = clip(anyText(value));
  }
  return field;
}

interface Walk {
  types: TypedDataInput["types"];
  nameOf: NameOf;
  unsigned: UnsignedField[];
  /** Undeclared fields beyond what the wire carries: counted, and said at the end. */
  dropped: number;
}

function addUnsigned(walk: Walk, path: string, value: unknown): void {
  if (walk.unsigned.length >= MAX_UNSIGNED - 1) {
    walk.dropped++;
    return;
  }
  walk.unsigned.push({ path: clip(visible(path), MAX_PATH), value: clip(anyText(value)) });
}

/** A struct's declared fields in declared order; every other key of the value goes to `unsigned`. */
function structFields(
  fields: ReadonlyArray<{ name: string; type: string }>,
  value: unknown,
  path: string,
  walk: Walk,
): TypedField[] {
  const record = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const declared = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(record)) {
    if (!declared.has(key) && record[key] !== undefined) addUnsigned(walk, `${path}.${key}`, record[key]);
  }
  return fields.map((f) => fieldOf(f.name, f.type, record[f.name], `${path}.${f.name}`, walk));
}

function fieldOf(name: string, type: string, value: unknown, path: string, walk: Walk): TypedField {
  const array = ARRAY.exec(type);
  if (array) {
    const inner = array[1] as string;
    const items = Array.isArray(value) ? value : [];
    const children = items
      .slice(0, MAX_CHILDREN - 1)
      .map((item, i) => fieldOf(`[${i}]`, inner, item, `${path}[${i}]`, walk));
    if (items.length > MAX_CHILDREN - 1) {
      children.push({
        name: "…",
        type: clip(visible(inner), MAX_NAME),
        value: `${items.length - (MAX_CHILDREN - 1)} more elements, signed but not listed`,
      });
    }
    return { name: clip(visible(name), MAX_NAME), type: clip(visible(type), MAX_NAME), children };
  }
  const struct = walk.types[type];
  if (struct) {
    return {
      name: clip(visible(name), MAX_NAME),
      type: clip(visible(type), MAX_NAME),
      children: structFields(struct, value, path, walk),
    };
  }
  return leaf(name, type, value, walk.nameOf);
}

function finish(walk: Walk): UnsignedField[] {
  if (walk.dropped > 0) {
    walk.unsigned.push({ path: "…", value: `${walk.dropped} more fields outside the types, not signed` });
  }
  return walk.unsigned;
}

/**
 * Typed data (v3/v4) as it is hashed: the domain by the fields `EIP712Domain` declares (none
 * when it is not declared: then nothing of the domain is signed), the message by walking
 * `types` from `primaryType`. A key of the domain or of any struct that its type does not
 * declare is not part of the digest, so it is never shown among the signed fields: it goes to
 * `unsigned` with its path, where the window lists it apart.
 * https://eips.ethereum.org/EIPS/eip-712#definition-of-encodedata
 */
export function typedDataView(typedData: TypedDataInput, nameOf: NameOf): TypedDataView {
  const { EIP712Domain = [], ...types } = typedData.types;
  const walk: Walk = { types, nameOf, unsigned: [], dropped: 0 };
  const domain = structFields(EIP712Domain, typedData.domain, "domain", walk).slice(0, MAX_DOMAIN);
  const primary = types[typedData.primaryType] ?? [];
  const message = structFields(primary, typedData.message, "message", walk);
  return { domain, message, unsigned: finish(walk) };
}

/** The draft v1 (`eth_signTypedData`): a flat list of scalar fields, every one of them signed. */
export function typedDataV1View(
  entries: ReadonlyArray<{ type: string; name: string; value: unknown }>,
  nameOf: NameOf,
): TypedDataView {
  return { domain: [], message: entries.map((e) => leaf(e.name, e.type, e.value, nameOf)), unsigned: [] };
}

/** The field at `path` (names from the top), for the permit reader to annotate in place. */
export function fieldAt(fields: readonly TypedField[], path: readonly string[]): TypedField | undefined {
  const [head, ...rest] = path;
  const found = fields.find((f) => f.name === head);
  if (!found || rest.length === 0) return found;
  return fieldAt(found.children ?? [], rest);
}

/** A checksummed address when `value` is one, for readers of a walked field. */
export function addressOf(value: unknown): string | undefined {
  return typeof value === "string" && isAddress(value, { strict: false })
    ? getAddress(value.toLowerCase())
    : undefined;
}
