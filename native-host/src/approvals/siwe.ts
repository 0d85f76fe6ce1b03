import { isAddressEqual } from "viem";
import { parseSiweMessage } from "viem/siwe";
import type { Siwe, Warning } from "../../../protocol/approvalDetails.js";
import { formatDate } from "./deadline.js";
import { warning } from "./signatureWarnings.js";
import { clip } from "./typedDataView.js";

/** The line every EIP-4361 message has after its domain. */
const MARKER = " wants you to sign in with your Ethereum account:\n";

/** What a Sign-In message is checked against: the requesting origin, its chain, the signer. */
export interface SiweContext {
  origin: string;
  chainId: number;
  signer: string;
  /** Milliseconds since 1970. */
  now: number;
}

export interface SiweReading {
  /** Absent when the text reads as a Sign-In but does not parse as one. */
  siwe?: Siwe;
  warnings: Warning[];
}

/** EIP-4361: at least 8 alphanumeric characters. */
const NONCE = /^[a-zA-Z0-9]{8,}$/;

const malformed = () =>
  warning(
    "siwe-malformed",
    "caution",
    "This looks like a sign-in message but does not follow EIP-4361: the site that reads it may read it differently.",
  );

/** The authority `domain` names, normalised as a URL host (lower case, default port dropped); null when it is none. */
function authority(scheme: string, domain: string): string | null {
  try {
    return new URL(`${scheme}//${domain}`).host;
  } catch {
    return null;
  }
}

function originOf(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

const iso = (date: Date | undefined): string | undefined =>
  date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;

/**
 * A Sign-In with Ethereum message (EIP-4361) in a personal_sign text, parsed by viem and checked
 * against the page that asks. `domain` is an authority: it must be the origin's host, port
 * included, and `scheme`, when given, the origin's scheme — otherwise the signature would log
 * the person in elsewhere (`siwe-domain-mismatch`, danger). A `uri` on another origin, another
 * chain, another address than the signer, a message already expired or not yet valid are
 * cautions. A text that reads as a Sign-In but does not parse is a caution too: the site that
 * verifies it may read it differently. Undefined when the text is no Sign-In message.
 * https://eips.ethereum.org/EIPS/eip-4361
 */
export function readSiwe(text: string, context: SiweContext): SiweReading | undefined {
  if (!text.includes(MARKER)) return undefined;
  const parsed = parseSiweMessage(text);
  const { domain, address, uri, version, chainId, nonce, issuedAt } = parsed;
  const page = new URL(context.origin);
  if (!domain || !address || !uri || !version || chainId === undefined || !nonce || !issuedAt) {
    return { warnings: [malformed()] };
  }
  const siwe: Siwe = {
    domain: clip(domain, 256),
    address,
    uri: clip(uri, 2048),
    version: clip(version, 8),
    chainId,
    nonce: clip(nonce, 256),
    issuedAt: iso(issuedAt) ?? "invalid",
  };
  if (parsed.statement !== undefined) siwe.statement = clip(parsed.statement, 4096);
  const expirationTime = iso(parsed.expirationTime);
  if (parsed.expirationTime) siwe.expirationTime = expirationTime ?? "invalid";
  const notBefore = iso(parsed.notBefore);
  if (parsed.notBefore) siwe.notBefore = notBefore ?? "invalid";
  if (parsed.requestId !== undefined) siwe.requestId = clip(parsed.requestId, 256);
  if (parsed.resources) siwe.resources = parsed.resources.slice(0, 64).map((r) => clip(r, 2048));
  if (parsed.scheme !== undefined) siwe.scheme = clip(parsed.scheme, 32);

  const warnings: Warning[] = [];
  const scheme = parsed.scheme === undefined ? page.protocol : `${parsed.scheme.toLowerCase()}:`;
  if (authority(page.protocol, domain) !== page.host || scheme !== page.protocol) {
    warnings.push(
      warning(
        "siwe-domain-mismatch",
        "danger",
        `This sign-in is for ${parsed.scheme ? `${parsed.scheme}://` : ""}${domain}, but ${context.origin} is asking: signing may log you in to ${domain} for this site.`,
      ),
    );
  }
  if (originOf(uri) !== page.origin) {
    warnings.push(
      warning("siwe-uri-mismatch", "caution", `The sign-in names ${uri}, not the site that is asking.`),
    );
  }
  if (chainId !== context.chainId) {
    warnings.push(
      warning(
        "siwe-chain-mismatch",
        "caution",
        `The sign-in is for chain ${chainId}, but the site is on chain ${context.chainId}.`,
      ),
    );
  }
  if (!isAddressEqual(address, context.signer as `0x${string}`)) {
    warnings.push(
      warning(
        "siwe-address-mismatch",
        "caution",
        `The sign-in names ${address}, not the account signing it.`,
      ),
    );
  }
  const now = new Date(context.now);
  if (parsed.expirationTime && now >= parsed.expirationTime) {
    warnings.push(
      warning("siwe-expired", "caution", `This sign-in expired at ${formatDate(parsed.expirationTime)}.`),
    );
  }
  if (parsed.notBefore && now < parsed.notBefore) {
    warnings.push(
      warning(
        "siwe-not-yet-valid",
        "caution",
        `This sign-in is not valid before ${formatDate(parsed.notBefore)}.`,
      ),
    );
  }
  // The rest of EIP-4361's grammar viem's parser lets through: a verifier would refuse it.
  const wellFormed =
    NONCE.test(nonce) &&
    version === "1" &&
    iso(issuedAt) !== undefined &&
    (!parsed.expirationTime || expirationTime !== undefined) &&
    (!parsed.notBefore || notBefore !== undefined);
  if (!wellFormed) warnings.push(malformed());
  return { siwe, warnings };
}
