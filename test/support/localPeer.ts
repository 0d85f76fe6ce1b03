import { connect, type Socket } from "node:net";
import { FramedSocket } from "../../native-host/src/daemon/FramedSocket.js";
import { socketPath } from "../../native-host/src/daemon/paths.js";

export type Message = Record<string, unknown> & { type?: string };

/** A process of this user on the daemon's local socket, saying whatever hello it likes. */
export class LocalPeer {
  readonly messages: Message[] = [];
  private readonly socket: Socket;
  private readonly framed: FramedSocket;
  private wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.framed = new FramedSocket(socket, {
      onText: (text) => {
        this.messages.push(JSON.parse(text) as Message);
        this.wake?.();
      },
      onBadFrame: () => undefined,
      onFatal: () => socket.destroy(),
    });
  }

  static async open(home: string, hello: Record<string, unknown>): Promise<LocalPeer> {
    const socket = connect(socketPath(home));
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const peer = new LocalPeer(socket);
    peer.send({ v: 1, type: "hello", ...hello });
    await peer.next((m) => m.type === "hello");
    return peer;
  }

  send(message: Record<string, unknown>): void {
    this.framed.send(message);
  }

  async next(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(match);
      if (index !== -1) return this.messages.splice(index, 1)[0] as Message;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Pending approvals in the running daemon, read from its health over an extension connection. */
export async function pendingApprovals(home: string): Promise<number> {
  const peer = await LocalPeer.open(home, { role: "extension", browser: "chromium", origin: "test" });
  try {
    peer.send({ v: 1, type: "health" });
    const health = await peer.next((m) => m.type === "health");
    return (health.data as { pendingApprovals: number }).pendingApprovals;
  } finally {
    peer.close();
  }
}
