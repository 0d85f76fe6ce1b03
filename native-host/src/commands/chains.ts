import type { Io } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { callDaemon } from "../daemon/client.js";
import { isListening } from "../daemon/localServer.js";
import { socketPath } from "../daemon/paths.js";
import { ensureHome } from "../home.js";
import { type Chain, ChainStore } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";

function parseChainId(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isSafeInteger(id) || id <= 0) throw new UsageError(`invalid chain id "${text ?? ""}"`);
  return id;
}

/** `chains add | default | list`: the chains a site can be on. */
export async function chainsCommand(home: string, args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  ensureHome(home);
  const store = new ChainStore(home);
  switch (sub) {
    case "add": {
      const { values } = parseFlags(rest, { values: ["chain-id", "rpc-url", "name", "symbol"] });
      const chainId = parseChainId(values.get("chain-id"));
      const rpcUrl = values.get("rpc-url");
      if (!rpcUrl) throw new UsageError("chains add needs --rpc-url URL");
      const existing = store.get(chainId);
      const chain: Chain = {
        chainId,
        name: values.get("name") ?? existing?.name ?? `Chain ${chainId}`,
        symbol: values.get("symbol") ?? existing?.symbol ?? "ETH",
        decimals: 18,
        rpcUrls: [rpcUrl],
        blockExplorerUrls: existing?.blockExplorerUrls ?? [],
      };
      // A typo in the URL or the id would send a user's transactions to the wrong chain.
      const reported = Number(await chainRequest(chain, "eth_chainId", []));
      if (reported !== chainId) throw new Error(`${rpcUrl} reports chain ${reported}, not ${chainId}`);
      store.upsert(chain);
      await notifyDaemon(home);
      io.stdout(`chain ${chainId} (${chain.name}) → ${rpcUrl}\n`);
      return 0;
    }
    case "default": {
      parseFlags(rest.slice(1), {});
      store.setDefault(parseChainId(rest[0]));
      await notifyDaemon(home);
      io.stdout(`default chain: ${rest[0]}\n`);
      return 0;
    }
    case "list": {
      const { booleans } = parseFlags(rest, { booleans: ["json"] });
      const chains = store.list();
      if (booleans.has("json")) {
        io.stdout(`${JSON.stringify({ defaultChainId: store.defaultChainId, chains })}\n`);
      } else {
        for (const c of chains) {
          io.stdout(
            `${c.chainId === store.defaultChainId ? "*" : " "} ${c.chainId}\t${c.name}\t${c.rpcUrls[0]}\n`,
          );
        }
      }
      return 0;
    }
    default:
      throw new UsageError(`chains needs add, default or list`);
  }
}

/** A running daemon keeps the stores in memory; tell it to read them again. */
async function notifyDaemon(home: string): Promise<void> {
  if (await isListening(socketPath(home))) await callDaemon(home, "vaughan_reload");
}
