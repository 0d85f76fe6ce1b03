// A test dApp as a real one is written with viem: `custom(window.ethereum)`.
import { createWalletClient, custom, type EIP1193Provider, parseEther, publicActions } from "viem";
import { testDomain, viemMail } from "./typedData.js";

declare global {
  interface Window {
    ethereum?: EIP1193Provider;
    viemDapp: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

const client = () =>
  createWalletClient({ transport: custom(window.ethereum as EIP1193Provider) }).extend(publicActions);

window.viemDapp = {
  connect: async () => client().requestAddresses(),
  chainId: async () => client().getChainId(),
  signMessage: async (account: `0x${string}`, message: string) => client().signMessage({ account, message }),
  signTypedData: async (account: `0x${string}`, chainId: number) =>
    client().signTypedData({ account, domain: testDomain(chainId), ...viemMail(account) }),
  sendEth: async (account: `0x${string}`, to: `0x${string}`, eth: string) =>
    client().sendTransaction({ account, to, value: parseEther(eth), chain: null }),
  waitForReceipt: async (hash: `0x${string}`) => {
    const receipt = await client().waitForTransactionReceipt({ hash, pollingInterval: 100 });
    return { status: receipt.status, blockNumber: receipt.blockNumber.toString() };
  },
  balance: async (address: `0x${string}`) => (await client().getBalance({ address })).toString(),
};
