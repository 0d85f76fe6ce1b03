import { decodeAbiParameters, type Hex } from "viem";

/**
 * The account's side of a simulated block's logs: every transfer in or out of it and every
 * permission it grants, before netting and naming (simulationChanges.ts does that).
 */

/** `Transfer(address,address,uint256)`: ERC-20 (the amount in data) and ERC-721 (the id indexed). */
export const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
/** `Approval(address,address,uint256)`: ERC-20 allowance, ERC-721 single-token approval. */
export const APPROVAL_TOPIC = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";
/** `ApprovalForAll(address,address,bool)`. */
export const APPROVAL_FOR_ALL_TOPIC = "0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31";
/** `TransferSingle(address,address,address,uint256,uint256)`. */
export const TRANSFER_SINGLE_TOPIC = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";
/** `TransferBatch(address,address,address,uint256[],uint256[])`. */
export const TRANSFER_BATCH_TOPIC = "0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb";
/**
 * With `traceTransfers`, a node reports each movement of the native currency as an ERC-20 style
 * `Transfer` log from this address.
 * https://github.com/ethereum/execution-apis/blob/main/docs/ethsimulatev1-notes.md
 */
export const NATIVE_TRANSFER_ADDRESS = "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

/** Most logs read from one simulation: a block of hostile calls must not cost unbounded work. */
export const MAX_LOGS = 4096;

export interface SimulatedLog {
  address: string;
  topics: string[];
  data: string;
}

/** One movement that touches the account: `delta` is signed from the account's side. */
export interface Movement {
  /** `native` or the token's lower-case address. */
  asset: string;
  standard?: "erc20" | "erc721" | "erc1155";
  tokenId?: bigint;
  delta: bigint;
}

export interface RawGrant {
  token: string;
  standard: "erc20" | "erc721" | "erc1155" | undefined;
  spender: string;
  amount?: bigint;
  tokenId?: bigint;
  all?: boolean;
}

const topicAddress = (topic: string | undefined) =>
  topic && /^0x[0-9a-fA-F]{64}$/.test(topic) ? `0x${topic.slice(26).toLowerCase()}` : undefined;
const word = (hex: string | undefined) => (hex && /^0x[0-9a-fA-F]{64}$/.test(hex) ? BigInt(hex) : undefined);

/** The account's movements and grants in `logs`, in order; logs that fit no known shape are skipped. */
export function accountLogs(
  logs: SimulatedLog[],
  account: string,
): { movements: Movement[]; grants: RawGrant[] } {
  const me = account.toLowerCase();
  const movements: Movement[] = [];
  const grants: RawGrant[] = [];
  const moved = (
    from: string | undefined,
    to: string | undefined,
    movement: Omit<Movement, "delta">,
    amount: bigint,
  ) => {
    // A transfer to oneself changes nothing, so both sides cancel out when netted.
    if (from === me) movements.push({ ...movement, delta: -amount });
    if (to === me) movements.push({ ...movement, delta: amount });
  };
  for (const log of logs.slice(0, MAX_LOGS)) {
    if (typeof log.address !== "string" || !Array.isArray(log.topics) || typeof log.data !== "string")
      continue;
    const address = log.address.toLowerCase();
    const [topic0, t1, t2, t3] = log.topics.map((t) => String(t).toLowerCase());
    const data = log.data.toLowerCase();
    if (topic0 === TRANSFER_TOPIC) {
      const from = topicAddress(t1);
      const to = topicAddress(t2);
      if (log.topics.length === 3) {
        const amount = word(data);
        if (amount === undefined) continue;
        const asset = address === NATIVE_TRANSFER_ADDRESS ? "native" : address;
        moved(from, to, asset === "native" ? { asset } : { asset, standard: "erc20" }, amount);
      } else if (log.topics.length === 4 && address !== NATIVE_TRANSFER_ADDRESS) {
        const tokenId = word(t3);
        if (tokenId === undefined) continue;
        moved(from, to, { asset: address, standard: "erc721", tokenId }, 1n);
      }
    } else if (topic0 === TRANSFER_SINGLE_TOPIC && log.topics.length === 4) {
      if (!/^0x[0-9a-f]{128}$/.test(data)) continue;
      const tokenId = BigInt(`0x${data.slice(2, 66)}`);
      const amount = BigInt(`0x${data.slice(66)}`);
      moved(topicAddress(t2), topicAddress(t3), { asset: address, standard: "erc1155", tokenId }, amount);
    } else if (topic0 === TRANSFER_BATCH_TOPIC && log.topics.length === 4) {
      let ids: readonly bigint[];
      let values: readonly bigint[];
      try {
        [ids, values] = decodeAbiParameters([{ type: "uint256[]" }, { type: "uint256[]" }], data as Hex);
      } catch {
        continue;
      }
      if (ids.length !== values.length) continue;
      const from = topicAddress(t2);
      const to = topicAddress(t3);
      ids.forEach((tokenId, i) => {
        moved(from, to, { asset: address, standard: "erc1155", tokenId }, values[i] as bigint);
      });
    } else if (topic0 === APPROVAL_TOPIC && topicAddress(t1) === me) {
      const spender = topicAddress(t2);
      if (!spender) continue;
      if (log.topics.length === 3) {
        const amount = word(data);
        if (amount !== undefined) grants.push({ token: address, standard: "erc20", spender, amount });
      } else if (log.topics.length === 4) {
        const tokenId = word(t3);
        // Approving the zero address clears a single-token approval: nothing is granted.
        if (tokenId !== undefined && !/^0x0{40}$/.test(spender))
          grants.push({ token: address, standard: "erc721", spender, tokenId });
      }
    } else if (topic0 === APPROVAL_FOR_ALL_TOPIC && log.topics.length === 3 && topicAddress(t1) === me) {
      const spender = topicAddress(t2);
      const approved = word(data);
      if (spender && approved !== undefined)
        grants.push({ token: address, standard: undefined, spender, all: approved !== 0n });
    }
  }
  return { movements, grants };
}

/** Movements summed per asset (and per token id), in first-seen order; those that net to zero dropped. */
export function netMovements(movements: Movement[]): Movement[] {
  const net = new Map<string, Movement>();
  for (const m of movements) {
    const key = `${m.asset} ${m.tokenId ?? ""}`;
    const found = net.get(key);
    if (found) found.delta += m.delta;
    else net.set(key, { ...m });
  }
  return [...net.values()].filter((m) => m.delta !== 0n);
}
