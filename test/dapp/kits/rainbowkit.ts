// A dApp as RainbowKit's quick start writes one: getDefaultConfig, RainbowKitProvider and the
// ConnectButton, on wagmi 2 and React 18. The wallet list is RainbowKit's default but for "Base"
// (its connector is not in the installed wagmi; test/support/kitBundle.ts): Rainbow, MetaMask,
// Coinbase, WalletConnect. Vaughan is not in it: RainbowKit finds it only by its EIP-6963
// announcement.
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, getDefaultConfig, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import {
  coinbaseWallet,
  metaMaskWallet,
  rainbowWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { http } from "wagmi";
import { kitChains, mountKit } from "./kitPanel.js";

const chains = kitChains();
const config = getDefaultConfig({
  appName: "Vaughan RainbowKit test",
  // Nothing reaches WalletConnect (the test blocks every request off the machine); RainbowKit
  // only insists on a non-empty id.
  projectId: "vaughan-offline-test",
  chains,
  wallets: [
    { groupName: "Popular", wallets: [rainbowWallet, metaMaskWallet, coinbaseWallet, walletConnectWallet] },
  ],
  transports: { [chains[0].id]: http(), [chains[1].id]: http() },
});
mountKit(config, "rainbowkit", RainbowKitProvider, ConnectButton);
