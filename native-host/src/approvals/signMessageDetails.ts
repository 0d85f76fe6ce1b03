import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { displayName, type NameOf, namedAddress } from "./accountNames.js";
import { readableMessage } from "./readableMessage.js";
import { bySeverity } from "./signatureWarnings.js";
import { readSiwe } from "./siwe.js";

export interface SignMessageInput {
  /** The bytes signed, as hex. */
  data: `0x${string}`;
  signer: string;
  origin: string;
  /** The site's chain. */
  chainId: number;
  nameOf: NameOf;
  /** Milliseconds since 1970; the clock unless a test sets it. */
  now?: number;
}

/**
 * What the window shows for `personal_sign`: the message (text when readable, always hex), and
 * for a Sign-In with Ethereum message its fields and the host's verdict on them.
 */
export function signMessageDetails(input: SignMessageInput): ApprovalDetails<"sign-message"> {
  const address = namedAddress(input.signer, input.nameOf);
  const message = readableMessage(input.data);
  const who = displayName(address);
  const reading =
    message.text === undefined
      ? undefined
      : readSiwe(message.text, {
          origin: input.origin,
          chainId: input.chainId,
          signer: address.address,
          now: input.now ?? Date.now(),
        });
  const details: ApprovalDetails<"sign-message"> = {
    summary: reading?.siwe ? `Sign in to ${reading.siwe.domain} as ${who}` : `Sign a message as ${who}`,
    warnings: bySeverity(reading?.warnings ?? []),
    address,
    message,
  };
  if (reading?.siwe) details.siwe = reading.siwe;
  return details;
}
