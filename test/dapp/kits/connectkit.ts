// A dApp as ConnectKit's quick start writes one: getDefaultConfig (its default connectors:
// injected for MetaMask, Coinbase, WalletConnect, but for the Aave account; wagmi's EIP-6963
// discovery on),
// ConnectKitProvider and the ConnectKitButton, on wagmi 2 and React 18.
import { ConnectKitButton, ConnectKitProvider, getDefaultConfig } from "connectkit";
import { createConfig, http } from "wagmi";
import { kitChains, mountKit } from "./kitPanel.js";

const chains = kitChains();
const config = createConfig(
  getDefaultConfig({
    appName: "Vaughan ConnectKit test",
    // Nothing reaches WalletConnect (the test blocks every request off the machine).
    walletConnectProjectId: "vaughan-offline-test",
    // The Aave account is a remote wallet in an iframe (app.family.co). Offline its connector
    // never comes up, and wagmi's reconnect on load waits on every connector: a returning
    // visitor would stay "reconnecting". It is nothing of Vaughan's, so it is off here.
    enableAaveAccount: false,
    chains,
    transports: { [chains[0].id]: http(), [chains[1].id]: http() },
  }),
);
mountKit(config, "connectkit", ConnectKitProvider, ConnectKitButton);
