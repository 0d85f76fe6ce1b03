import type { ParsedApproval } from "./parsed.js";

/** The window's heading: what kind of request this is, in words. */
export function titleOf(approval: ParsedApproval): string {
  switch (approval.kind) {
    case "connect":
      return "Connection request";
    case "sign-message":
      return approval.details.siwe ? "Sign-in request" : "Signature request";
    case "sign-typed-data":
      return approval.details.permit ? "Token permit" : "Signature request";
    case "send-transaction":
      return "Transaction request";
    case "send-calls":
      return "Batch transaction request";
    case "add-chain":
      return "Add a network";
    case "switch-chain":
      return "Switch network";
    case "watch-asset":
      return "Add a token";
    case "unlock":
      return "Unlock";
  }
}

const SPENDING = /^(approve|increaseAllowance|setApprovalForAll|permit)\(/;

/** The approve button says what it does. */
export function actionOf(approval: ParsedApproval): string {
  switch (approval.kind) {
    case "connect":
      return "Connect";
    case "sign-message":
    case "sign-typed-data":
      return "Sign";
    case "send-transaction": {
      const call = approval.details.call;
      if (!call || !SPENDING.test(call.signature)) return "Send";
      // Setting an allowance to zero or an operator to false takes a permission away.
      const last = call.args.at(-1)?.value;
      return last === "false" || last === "0" ? "Confirm" : "Approve spending";
    }
    case "send-calls":
      return "Send";
    case "add-chain":
      return "Add network";
    case "switch-chain":
      return "Switch network";
    case "watch-asset":
      return "Add token";
    case "unlock":
      return "Unlock";
  }
}
