// A test dApp as a real one is written with viem: `custom(window.ethereum)`.
import {
  type Chain,
  createWalletClient,
  custom,
  type EIP1193Provider,
  parseEther,
  publicActions,
} from "viem";
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
  addChain: async (chain: Chain) => client().addChain({ chain }),
  switchChain: async (id: number) => client().switchChain({ id }),
  /** Sends with `chain` given: viem first checks the wallet is on it (eth_chainId). */
  sendEthOn: async (account: `0x${string}`, to: `0x${string}`, eth: string, chain: Chain) => {
    const hash = await client().sendTransaction({ account, to, value: parseEther(eth), chain });
    const receipt = await createWalletClient({ chain, transport: custom(window.ethereum as EIP1193Provider) })
      .extend(publicActions)
      .waitForTransactionReceipt({ hash, pollingInterval: 100 });
    return { hash, status: receipt.status };
  },
};
