/** anvil's well-known development mnemonic: its first accounts hold 10,000 ETH on every anvil chain. */
export const ANVIL_MNEMONIC: string;

export interface Anvil {
  url: string;
  port: number;
  chainId: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts anvil on 127.0.0.1 and a free port (or `port`); `extra` are more anvil flags. */
export function startAnvil(chainId?: number, extra?: string[], port?: number): Promise<Anvil>;
