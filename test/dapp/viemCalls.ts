// EIP-5792 as a viem dApp uses it: `custom(window.ethereum)` and viem's wallet actions.
import { createWalletClient, custom, type EIP1193Provider } from "viem";
import { foundry } from "viem/chains";

declare global {
  interface Window {
    viemCalls: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

type Call = { to: `0x${string}`; data?: `0x${string}`; value?: string };

const client = () =>
  createWalletClient({ chain: foundry, transport: custom(window.ethereum as EIP1193Provider) });

window.viemCalls = {
  capabilities: async (account: `0x${string}`) => client().getCapabilities({ account }),
  /** Values travel as decimal strings (page.evaluate cannot carry bigints). */
  send: async (account: `0x${string}`, calls: Call[]) =>
    client().sendCalls({
      account,
      calls: calls.map((c) => ({
        to: c.to,
        data: c.data,
        value: c.value === undefined ? undefined : BigInt(c.value),
      })),
    }),
  wait: async (id: string) => {
    const result = await client().waitForCallsStatus({ id, pollingInterval: 100, timeout: 30_000 });
    return {
      status: result.status,
      statusCode: result.statusCode,
      atomic: result.atomic,
      receipts: (result.receipts ?? []).map((r) => ({
        status: r.status,
        transactionHash: r.transactionHash,
      })),
    };
  },
  show: async (id: string) => client().showCallsStatus({ id }),
};
