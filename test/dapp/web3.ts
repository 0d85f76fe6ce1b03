// A test dApp as a real one is written with web3.js v4: `new Web3(window.ethereum)`.
import Web3 from "web3";

declare global {
  interface Window {
    web3Dapp: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

const web3 = () => new Web3((window as unknown as { ethereum: never }).ethereum);

window.web3Dapp = {
  connect: async () => web3().eth.requestAccounts(),
  chainId: async () => Number(await web3().eth.getChainId()),
  // web3.js's personal.sign passes a password as the third parameter; MetaMask ignores it.
  personalSign: async (message: string, address: string) =>
    web3().eth.personal.sign(message, address, "a password"),
  signTypedData: async (address: string, data: unknown) => web3().eth.signTypedData(address, data as never),
  sendEth: async (from: string, to: string, wei: string) => {
    const receipt = await web3().eth.sendTransaction({ from, to, value: wei });
    return { hash: receipt.transactionHash, status: Number(receipt.status) };
  },
  switchChain: async (chainId: string) =>
    (web3().currentProvider as unknown as { request(a: unknown): Promise<unknown> }).request({
      method: "wallet_switchEthereumChain",
      params: [{ chainId }],
    }),
};
