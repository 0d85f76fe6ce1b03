// A test dApp as a real one is written with ethers v6: `BrowserProvider`.
import { BrowserProvider, type Eip1193Provider, parseEther } from "ethers";
import { ethersMail, testDomain } from "./typedData.js";

declare global {
  interface Window {
    ethersDapp: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

const provider = () => new BrowserProvider((window as unknown as { ethereum: Eip1193Provider }).ethereum);

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
};
