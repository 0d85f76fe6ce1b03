// A test dApp as a real one is written with ethers v6: `BrowserProvider`.
import { BrowserProvider, type Eip1193Provider, parseEther } from "ethers";
import { ethersMail, testDomain } from "./typedData.js";

declare global {
  interface Window {
    ethersDapp: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

const ethereum = () => (window as unknown as { ethereum: Eip1193Provider }).ethereum;
const provider = () => new BrowserProvider(ethereum());

/**
 * Long-lived providers, as a dApp keeps one: `following` on ethers' network "any", which follows
 * a chain change and emits "network" (new, old); `pinned` on the network it first detects, which
 * ethers refuses to use on another chain.
 */
let following: BrowserProvider | undefined;
let pinned: BrowserProvider | undefined;
const networkEvents: Array<[string, string | null]> = [];
const followed = () => {
  if (!following) throw new Error("call watchNetwork first");
  return following;
};

window.ethersDapp = {
  connect: async () => provider().send("eth_requestAccounts", []),
  chainId: async () => (await provider().getNetwork()).chainId.toString(),
  signMessage: async (message: string) => (await provider().getSigner()).signMessage(message),
  signTypedData: async (chainId: number) =>
    (await provider().getSigner()).signTypedData(
      testDomain(chainId),
      { Mail: [...ethersMail.types.Mail] },
      ethersMail.message,
    ),
  sendEth: async (to: string, eth: string) => {
    const tx = await (await provider().getSigner()).sendTransaction({ to, value: parseEther(eth) });
    return tx.hash;
  },
  watchNetwork: async () => {
    following = new BrowserProvider(ethereum(), "any");
    following.on("network", (network, old) =>
      networkEvents.push([network.chainId.toString(), old ? old.chainId.toString() : null]),
    );
    pinned = new BrowserProvider(ethereum());
    return [
      (await following.getNetwork()).chainId.toString(),
      (await pinned.getNetwork()).chainId.toString(),
    ];
  },
  /** ethers has no call of its own for EIP-3326 or EIP-3085: `send` is how an ethers dApp asks. */
  switchChain: async (chainId: string) => followed().send("wallet_switchEthereumChain", [{ chainId }]),
  followingChainId: async () => (await followed().getNetwork()).chainId.toString(),
  pinnedChainId: async () => {
    try {
      return (await (pinned as BrowserProvider).getNetwork()).chainId.toString();
    } catch (error) {
      return {
        code: (error as { code?: string }).code,
        message: (error as { shortMessage?: string }).shortMessage,
      };
    }
  },
  networkEvents: async () => [...networkEvents],
  /** A transfer through the following provider's signer: ethers signs for the chain it now follows. */
  /**
   * Not `tx.wait()`: anvil mines only when sent something, and a receipt ethers looked for a
   * moment too early then waits for a block that never comes. The test reads the receipt itself.
   */
  sendEthFollowing: async (to: string, eth: string) => {
    const tx = await (await followed().getSigner()).sendTransaction({ to, value: parseEther(eth) });
    return { hash: tx.hash, chainId: tx.chainId.toString() };
  },
};
