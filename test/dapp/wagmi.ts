// A test dApp as a real one is written with @wagmi/core 2: EIP-6963 discovery finds the wallet
// by its rdns, and the actions go through that connector.
import {
  connect,
  createConfig,
  getChainId,
  sendTransaction,
  signMessage,
  signTypedData,
  switchChain,
  waitForTransactionReceipt,
} from "@wagmi/core";
import { custom, defineChain, type EIP1193Provider, parseEther } from "viem";
import { testDomain, viemMail } from "./typedData.js";

declare global {
  interface Window {
    wagmiDapp: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

const chain = (id: number) =>
  defineChain({
    id,
    name: `Anvil ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: ["http://127.0.0.1:1"] } },
  });
const chains = [chain(31337), chain(31338)] as const;
const config = createConfig({
  chains,
  multiInjectedProviderDiscovery: true,
  // Reads go through the wallet, as with a dApp that has no RPC of its own.
  transports: {
    31337: custom(window.ethereum as EIP1193Provider),
    31338: custom(window.ethereum as EIP1193Provider),
  },
});

const vaughan = () => {
  const found = config.connectors.find((c) => c.id === "io.vaughan.wallet");
  if (!found) throw new Error(`no connector io.vaughan.wallet: ${config.connectors.map((c) => c.id).join()}`);
  return found;
};

window.wagmiDapp = {
  connectorIds: async () => config.connectors.map((c) => c.id),
  connect: async () => (await connect(config, { connector: vaughan() })).accounts,
  chainId: async () => getChainId(config),
  signMessage: async (message: string) => signMessage(config, { message, connector: vaughan() }),
  signTypedData: async (account: `0x${string}`, chainId: number) =>
    signTypedData(config, { domain: testDomain(chainId), ...viemMail(account), connector: vaughan() }),
  sendEth: async (to: `0x${string}`, eth: string) =>
    sendTransaction(config, { to, value: parseEther(eth), connector: vaughan() }),
  switchChain: async (chainId: 31337 | 31338) =>
    ((await switchChain(config, { chainId, connector: vaughan() })) as { id: number }).id,
  waitForTransactionReceipt: async (hash: `0x${string}`, chainId: 31337 | 31338) =>
    (await waitForTransactionReceipt(config, { hash, chainId, pollingInterval: 100 })).status,
};
