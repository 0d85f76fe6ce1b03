import { getAddress, type Hex } from "viem";
import type { Warning, WarningSeverity } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import type { AddressNames, CallFact } from "./decodeCall.js";
import { eoaSpenderWarning } from "./eoaSpenderWarning.js";
import { shortAddress, tokenLabel } from "./formatting.js";
import { isDelegationCode, tokenInfo } from "./tokenInfo.js";

export interface TransactionWarningInput {
  chain: Chain;
  from: string;
  /** null: a contract creation. */
  to: string | null;
  value: bigint;
  data: Hex;
  /** From decodeCall: the call's and its inner calls' facts; empty when the call is not decoded. */
  facts: readonly CallFact[];
  /** The wallet's own accounts, lower-case address → name. */
  names: AddressNames;
  /** Earlier counterparties of `from` (counterparties.ts). */
  counterparties: readonly string[];
}

const ZERO = "0x0000000000000000000000000000000000000000";
const RANK: Record<WarningSeverity, number> = { danger: 0, caution: 1, info: 2 };

/**
 * The host's warnings for a transaction, most severe first. The window shows them as they are;
 * a `danger` one must be acknowledged, and the host checks that acknowledgement again when the
 * answer arrives (wallet/Approvals.ts).
 */
export async function transactionWarnings(input: TransactionWarningInput): Promise<Warning[]> {
  const warnings: Warning[] = [];
  const add = (code: string, severity: WarningSeverity, message: string) =>
    warnings.push({ code, severity, message: message.slice(0, 512) });
  const label = (address: string) => {
    const name = input.names.get(address.toLowerCase());
    return name ? `${name} (${shortAddress(address)})` : shortAddress(address);
  };

  const spenders = new Set<string>();
  const recipients = new Set<string>();
  for (const fact of input.facts) {
    const token = fact.token ? tokenLabel(fact.token) : `the tokens at ${shortAddress(fact.target)}`;
    if (fact.amountUnlimited && isAllowance(fact)) {
      add(
        "unlimited-approval",
        "caution",
        `${label(fact.spender ?? ZERO)} may spend all your ${token}, now and whatever you receive later, until you revoke it.`,
      );
    }
    if (fact.action === "approval-for-all" && fact.approved) {
      add(
        "approval-for-all",
        "caution",
        `${label(fact.spender ?? ZERO)} may move every token you hold in ${collection(fact)}, now and later, until you revoke it.`,
      );
    }
    if (grants(fact) && fact.spender) spenders.add(fact.spender);
    if (fact.recipient) {
      recipients.add(fact.recipient);
      if (isTokenMove(fact) && fact.recipient.toLowerCase() === fact.target.toLowerCase()) {
        add(
          "token-contract-recipient",
          "caution",
          `The recipient is the ${token} contract itself: tokens sent to a token's own contract are almost always lost.`,
        );
      }
    }
    if (fact.hidden) {
      add(
        "calls-not-shown",
        "caution",
        `${fact.hidden} inner call${fact.hidden === 1 ? " is" : "s are"} not decoded (nested too deep or too many): what ${fact.hidden === 1 ? "it does" : "they do"} is not shown.`,
      );
    }
  }

  // Each address that receives a permission: an account (no code) is what drainers use.
  for (const spender of spenders) {
    if (await isAccount(input.chain, spender)) {
      const name = input.names.get(spender.toLowerCase());
      const address = getAddress(spender);
      warnings.push(eoaSpenderWarning(name ? { address, name } : { address }, "approve"));
    }
  }

  // Plain ETH sent to a token's contract: it has no owner to send it back.
  const plain = input.to !== null && (input.data === "0x" || input.data.length < 10);
  if (plain && input.to) {
    recipients.add(getAddress(input.to));
    if (input.value > 0n) {
      const info = await tokenInfo(input.chain, input.to).catch(() => undefined);
      if (info?.standard) {
        add(
          "token-contract-recipient",
          "caution",
          `${shortAddress(input.to)} is the ${tokenLabel(info)} token contract, not a person's account: ETH sent to it is almost always lost.`,
        );
      }
    }
  }

  for (const address of [...recipients, ...spenders]) {
    const twin = lookalikeOf(address, input);
    if (twin) {
      add(
        "lookalike-address",
        "danger",
        `${getAddress(address)} looks like ${label(twin)} (same first and last four characters) but is a different address: look-alikes are planted in wallet histories to be copied by mistake.`,
      );
    }
  }
  return sortWarnings(warnings);
}

/** Most severe first; one of each code and message. */
export function sortWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  const unique = warnings.filter((w) => {
    const key = `${w.code}\n${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

function isAllowance(fact: CallFact): boolean {
  return (
    fact.action === "approve" || fact.action === "increase-allowance" || fact.action === "permit2-approve"
  );
}

/** True when the call hands `spender` a permission (not a revocation). */
function grants(fact: CallFact): boolean {
  if (!fact.spender || fact.spender === ZERO) return false;
  if (fact.action === "approval-for-all") return fact.approved === true;
  if (fact.action === "approve" && fact.family === "erc721") return true;
  if (isAllowance(fact)) return fact.amount === undefined || fact.amount > 0n;
  return false;
}

function isTokenMove(fact: CallFact): boolean {
  return fact.action === "transfer" || fact.action === "transfer-batch";
}

function collection(fact: CallFact): string {
  return fact.token?.name ?? fact.token?.symbol ?? shortAddress(fact.target);
}

/** No code, or only an EIP-7702 delegation (still an account a key controls). Unknown: false. */
async function isAccount(chain: Chain, address: string): Promise<boolean> {
  try {
    const code = (await chainRequest(chain, "eth_getCode", [address, "latest"])) as string;
    return code === "0x" || code === "" || isDelegationCode(code);
  } catch {
    return false;
  }
}

/**
 * An own account or earlier counterparty that `address` imitates: the same first four and last
 * four hex digits (what a person checks), yet a different address.
 */
export function lookalikeOf(
  address: string,
  known: { names: AddressNames; counterparties: readonly string[] },
): string | undefined {
  const a = address.toLowerCase();
  const head = a.slice(2, 6);
  const tail = a.slice(-4);
  for (const candidate of [...known.names.keys(), ...known.counterparties]) {
    const c = candidate.toLowerCase();
    if (c !== a && c.slice(2, 6) === head && c.slice(-4) === tail) return getAddress(c);
  }
  return undefined;
}
