// What a dApp built on a wallet-picker kit does once connected, through wagmi's React hooks:
// show the account and chain, sign a message and typed data, send ether, switch chain. Each
// result lands in an <output> the test reads, as a person would read the page.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ComponentType, createElement as h, type ReactNode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { defineChain, parseEther } from "viem";
import {
  useAccount,
  useSendTransaction,
  useSignMessage,
  useSignTypedData,
  useSwitchChain,
  useWaitForTransactionReceipt,
  WagmiProvider,
} from "wagmi";
import { testDomain, viemMail } from "../typedData.js";

/** What the test page sets before the bundle runs: the two anvil chains (ports chosen at run time). */
interface KitChain {
  id: number;
  name: string;
  rpc: string;
}
declare global {
  interface Window {
    kitChains: KitChain[];
  }
}

/** The page's two chains, as viem chains whose RPC is the test's anvil on 127.0.0.1. */
export function kitChains() {
  const [first, second] = window.kitChains.map((c) =>
    defineChain({
      id: c.id,
      name: c.name,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [c.rpc] } },
    }),
  );
  if (!first || !second) throw new Error("the test page sets two chains");
  return [first, second] as const;
}

export const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

const out = (testId: string, value: unknown) =>
  h("output", { "data-testid": testId }, value === undefined ? "" : String(value));

/** Runs an action, showing its result or its error on the page. */
function useAction(): [(id: string, run: () => Promise<unknown>) => void, Record<string, string>] {
  const [results, setResults] = useState<Record<string, string>>({});
  const run = (id: string, action: () => Promise<unknown>) => {
    setResults((r) => ({ ...r, [id]: "", error: "" }));
    action().then(
      (value) => setResults((r) => ({ ...r, [id]: String(value) })),
      (error: Error) => setResults((r) => ({ ...r, error: `${id}: ${error.message}` })),
    );
  };
  return [run, results];
}

export function KitPanel(props: { kit: string; children?: ReactNode }) {
  const { address, chainId, status, connector } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const { signTypedDataAsync } = useSignTypedData();
  const { sendTransactionAsync, data: hash } = useSendTransaction();
  const receipt = useWaitForTransactionReceipt({ hash, pollingInterval: 100 });
  const { switchChainAsync } = useSwitchChain();
  const [run, results] = useAction();
  // Whose provider the connection runs on, whatever wagmi calls the connector. While wagmi
  // reconnects, `connector` is the stored description of one, without methods: wait for the real one.
  const [provider, setProvider] = useState("");
  useEffect(() => {
    setProvider("");
    if (status !== "connected" || typeof connector?.getProvider !== "function") return;
    connector
      .getProvider()
      .then((p) => setProvider((p as { isVaughan?: boolean } | undefined)?.isVaughan ? "vaughan" : "other"));
  }, [connector, status]);
  const [first, second] = kitChains();
  // To whichever of the two chains the wallet is not on.
  const other = chainId === first.id ? second.id : first.id;
  const button = (id: string, action: () => Promise<unknown>) =>
    h("button", { "data-testid": id, type: "button", onClick: () => run(id, action) }, id);
  return h(
    "main",
    null,
    h("h1", null, `${props.kit} dApp`),
    props.children,
    h(
      "section",
      null,
      out("status", status),
      out("account", address),
      out("chain", chainId),
      out("connector", connector?.id),
      out("provider", provider),
    ),
    address &&
      h(
        "section",
        null,
        button("sign-message", () => signMessageAsync({ message: `hello ${props.kit}` })),
        button("sign-typed", () =>
          signTypedDataAsync({ domain: testDomain(chainId ?? 0), ...viemMail(address) }),
        ),
        button("send", () => sendTransactionAsync({ to: RECIPIENT, value: parseEther("0.25") })),
        button("switch", () => switchChainAsync({ chainId: other }).then((c) => c.id)),
        out("sign-message-result", results["sign-message"]),
        out("sign-typed-result", results["sign-typed"]),
        out("send-result", results.send),
        out("receipt", receipt.data?.status),
        out("switch-result", results.switch),
      ),
    out("error", results.error),
  );
}

/**
 * Renders the page as both kits' quick starts do: wagmi's provider with `config`, TanStack Query,
 * the kit's own provider, and the panel around the kit's connect button.
 */
export function mountKit(
  config: Parameters<typeof WagmiProvider>[0]["config"],
  kit: string,
  KitProvider: ComponentType<{ children?: ReactNode }>,
  KitButton: ComponentType,
): void {
  const root = document.createElement("div");
  document.body.append(root);
  createRoot(root).render(
    h(
      WagmiProvider,
      { config },
      h(
        QueryClientProvider,
        { client: new QueryClient() },
        h(KitProvider, null, h(KitPanel, { kit }, h(KitButton))),
      ),
    ),
  );
}
