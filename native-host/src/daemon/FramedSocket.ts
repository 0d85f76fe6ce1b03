import type { Duplex } from "node:stream";
import { encodeTextFrame, FrameDecoder, FrameError } from "../framing.js";

/**
 * A duplex stream (local socket, or stdin+stdout) carrying length-prefixed JSON frames.
 * Writes are queued in order and respect backpressure through the stream's own buffer.
 */
export class FramedSocket {
  private readonly decoder = new FrameDecoder();

  constructor(
    private readonly socket: Duplex,
    handlers: {
      onText: (text: string) => void;
      onBadFrame: (error: FrameError) => void;
      /** The stream's framing is lost (oversized length prefix): it must be closed. */
      onFatal: (error: FrameError) => void;
    },
  ) {
    socket.on("data", (chunk: Buffer) => {
      let frames: ReturnType<FrameDecoder["push"]>;
      try {
        frames = this.decoder.push(chunk);
      } catch (error) {
        handlers.onFatal(error as FrameError);
        return;
      }
      for (const frame of frames) {
        if (frame.ok) handlers.onText(frame.text);
        else handlers.onBadFrame(frame.error);
      }
    });
  }

  /** Sends one message; false (nothing written) when it would exceed the outbound cap. */
  send(message: unknown): boolean {
    return this.sendText(JSON.stringify(message));
  }

  /** Sends a JSON text as one frame, unchanged (the relay forwards without re-parsing). */
  sendText(text: string): boolean {
    let frame: Buffer;
    try {
      frame = encodeTextFrame(text);
    } catch (error) {
      if (error instanceof FrameError) return false;
      throw error;
    }
    if (this.socket.writable) this.socket.write(frame);
    return true;
  }
}
