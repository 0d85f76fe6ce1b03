import { NewChainSchema } from "../../../protocol/ui.js";
import type { Io } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { callDaemon } from "../daemon/client.js";
import { isListening } from "../daemon/localServer.js";
import { socketPath } from "../daemon/paths.js";
import { ensureHome } from "../home.js";
import { ChainStore } from "../stores/chains.js";
import { SiteStore } from "../stores/sites.js";
import { pinSitesAndSetDefault, removeChainChecked } from "../wallet/chainChanges.js";
import { checkedChainEdit, checkedNewChain } from "../wallet/chainInput.js";

function parseChainId(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isSafeInteger(id) || id <= 0) throw new UsageError(`invalid chain id "${text ?? ""}"`);
  return id;
}

/** `chains add | edit | remove | default | list`: the chains a site can be on. */
export async function chainsCommand(home: string, args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  ensureHome(home);
  const store = new ChainStore(home);
  switch (sub) {
    case "add": {
      const { values } = parseFlags(rest, {
        values: ["chain-id", "rpc-url", "name", "symbol", "explorer-url"],
      });
      const chainId = parseChainId(values.get("chain-id"));
      const rpcUrl = values.get("rpc-url");
      if (!rpcUrl) throw new UsageError("chains add needs --rpc-url URL");
      const existing = store.get(chainId);
      const input = NewChainSchema.safeParse({
        chainId,
        name: values.get("name") ?? existing?.name ?? `Chain ${chainId}`,
        symbol: values.get("symbol") ?? existing?.symbol ?? "ETH",
        rpcUrl,
        blockExplorerUrl: values.get("explorer-url") ?? existing?.blockExplorerUrls[0],
      });
      if (!input.success) throw new UsageError(`invalid ${input.error.issues[0]?.path.join(".")}`);
      // The same checks as a dApp's approved wallet_addEthereumChain: https (or loopback http),
      // and the endpoint must report this chain id.
      const chain = await checkedNewChain(input.data);
      store.upsert(chain);
      await notifyDaemon(home);
      io.stdout(`chain ${chainId} (${chain.name}) → ${rpcUrl}\n`);
      return 0;
    }
    case "edit": {
      const { values, positional } = parseFlags(rest, { values: ["rpc-url", "explorer-url", "name"] });
      if (positional.length !== 1) throw new UsageError("chains edit needs one chain id N");
      const chainId = parseChainId(positional[0]);
      if (values.size === 0) throw new UsageError("chains edit needs --rpc-url, --explorer-url or --name");
      const current = store.get(chainId);
      if (!current) throw new Error(`unknown chain ${chainId}; add it with "chains add"`);
      const explorer = values.get("explorer-url");
      const chain = await checkedChainEdit(current, {
        chainId,
        name: values.get("name"),
        rpcUrl: values.get("rpc-url"),
        blockExplorerUrl: explorer === "none" ? null : explorer,
      });
      store.upsert(chain);
      await notifyDaemon(home);
      io.stdout(
        `chain ${chainId} (${chain.name}) → ${chain.rpcUrls[0]}${chain.blockExplorerUrls[0] ? `, explorer ${chain.blockExplorerUrls[0]}` : ""}\n`,
      );
      return 0;
    }
    case "remove": {
      const { positional } = parseFlags(rest, {});
      if (positional.length !== 1) throw new UsageError("chains remove needs one chain id N");
      const chainId = parseChainId(positional[0]);
      removeChainChecked(store, new SiteStore(home), chainId);
      await notifyDaemon(home);
      io.stdout(`removed chain ${chainId}\n`);
      return 0;
    }
    case "default": {
      const { positional } = parseFlags(rest, {});
      if (positional.length !== 1) throw new UsageError("chains default needs one chain id N");
      const chainId = parseChainId(positional[0]);
      // Connected sites that followed the old default stay on it: a new default moves no site.
      pinSitesAndSetDefault(store, new SiteStore(home), chainId);
      await notifyDaemon(home);
      io.stdout(`default chain: ${chainId}\n`);
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
      throw new UsageError(`chains needs add, edit, remove, default or list`);
  }
}

/** A running daemon keeps the stores in memory; tell it to read them again. */
async function notifyDaemon(home: string): Promise<void> {
  if (await isListening(socketPath(home))) await callDaemon(home, "vaughan_reload");
}
