import type { Duplex } from "node:stream";
import { encodeFrame, FrameDecoder, type FrameError } from "../framing.js";

/**
 * A local socket carrying length-prefixed JSON frames (the daemon and the CLI's client).
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

  /** Sends one message; throws FrameTooLargeError (nothing written) when it would exceed the outbound cap. */
  send(message: unknown): void {
    const frame = encodeFrame(message);
    if (this.socket.writable) this.socket.write(frame);
  }
}
