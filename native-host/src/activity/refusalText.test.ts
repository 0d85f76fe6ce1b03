import { describe, expect, it } from "vitest";
import { ChainDisconnectedError, fromRpcError, InvalidParamsError } from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";
import { refusalText } from "./refusalText.js";

const chain: Chain = {
  chainId: 31337,
  name: "Anvil",
  symbol: "ETH",
  decimals: 18,
  rpcUrls: ["http://127.0.0.1:8545"],
  blockExplorerUrls: [],
};
const node = (message: string) => fromRpcError({ code: -32000, message });

describe("refusalText", () => {
  it("says what happened and what to do for the refusals a person meets", () => {
    expect(refusalText(chain, node("replacement transaction underpriced"))).toMatch(
      /^The network refused it: a replacement must pay at least 10% more.*Nothing was sent: try again with/,
    );
    expect(refusalText(chain, node("nonce too low: next nonce 5, tx nonce 4"))).toMatch(
      /nonce is already used/,
    );
    expect(refusalText(chain, node("insufficient funds for gas * price + value"))).toMatch(
      /too little ETH.*add ETH to the account/,
    );
    expect(refusalText(chain, node("max fee per gas less than block base fee"))).toMatch(
      /below the network's base fee/,
    );
    expect(refusalText(chain, node("intrinsic gas too low"))).toMatch(/gas limit is too low/);
  });

  it("quotes a refusal it has no words for, and never claims a send it cannot know about", () => {
    expect(refusalText(chain, node("something new"))).toBe(
      'The network refused it ("something new"). Nothing was sent: check the details and try again.',
    );
    expect(refusalText(chain, new ChainDisconnectedError("down"))).toMatch(/^Anvil could not be reached/);
    expect(refusalText(chain, new InvalidParamsError("Invalid params: gas is below 21000"))).toBe(
      "Gas is below 21000. Nothing was sent: try again.",
    );
  });
});
