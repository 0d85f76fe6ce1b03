import { endianness } from "node:os";
import { MAX_INBOUND_FRAME_BYTES, MAX_OUTBOUND_FRAME_BYTES } from "../../protocol/constants.js";

/**
 * Native messaging framing: a 32-bit length in the machine's byte order, then that many bytes
 * of UTF-8 JSON. https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-protocol
 * The same framing carries messages between the relay and the daemon over the local socket.
 */

const littleEndian = endianness() === "LE";

export class FrameError extends Error {
  override name = "FrameError";
}

/** A message that would not fit one frame; nothing was written. */
export class FrameTooLargeError extends FrameError {
  override name = "FrameTooLargeError";
}

/** Throws FrameTooLargeError when `json` is more than `max` bytes of UTF-8; its byte length otherwise. */
export function checkFrameSize(json: string, max = MAX_OUTBOUND_FRAME_BYTES): number {
  const length = Buffer.byteLength(json, "utf8");
  if (length > max) throw new FrameTooLargeError(`outbound frame of ${length} bytes exceeds ${max}`);
  return length;
}

/** One frame for `message`; throws before writing anything when the frame would exceed the cap. */
export function encodeFrame(message: unknown, max = MAX_OUTBOUND_FRAME_BYTES): Buffer {
  return encodeTextFrame(JSON.stringify(message), max);
}

/** One frame for a JSON text already serialized (the relay forwards frames without re-parsing). */
export function encodeTextFrame(json: string, max = MAX_OUTBOUND_FRAME_BYTES): Buffer {
  const length = checkFrameSize(json, max);
  const frame = Buffer.allocUnsafe(4 + length);
  if (littleEndian) frame.writeUInt32LE(length, 0);
  else frame.writeUInt32BE(length, 0);
  frame.write(json, 4, "utf8");
  return frame;
}

export type DecodedFrame = { ok: true; text: string } | { ok: false; error: FrameError };

/**
 * Cuts a byte stream into frame texts. Chunks may split or merge frames anywhere. A declared
 * length over the cap is refused from the 4-byte header alone, before any allocation, and the
 * stream is then unusable (its framing is lost): `push` throws and the caller must close.
 * Invalid UTF-8 in a frame yields `{ ok: false }` for that frame only.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;

  constructor(private readonly max = MAX_INBOUND_FRAME_BYTES) {}

  push(chunk: Buffer): DecodedFrame[] {
    return this.pushRaw(chunk).map((frame) => {
      const text = decodeUtf8(frame.subarray(4));
      return text === null ? { ok: false, error: new FrameError("invalid UTF-8") } : { ok: true, text };
    });
  }

  /**
   * The same cut, for a relay that forwards frames without reading them: each complete frame
   * as its bytes, length prefix included, under the same cap. The receiver decodes and checks.
   */
  pushRaw(chunk: Buffer): Buffer[] {
    if (this.broken) throw new FrameError("stream framing already lost");
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Buffer[] = [];
    while (this.buffered >= 4) {
      const header = this.peek(4);
      const length = littleEndian ? header.readUInt32LE(0) : header.readUInt32BE(0);
      if (length > this.max) {
        this.broken = true;
        this.chunks = [];
        this.buffered = 0;
        throw new FrameError(`inbound frame declares ${length} bytes, over the ${this.max} limit`);
      }
      if (this.buffered < 4 + length) break;
      out.push(this.take(4 + length));
    }
    return out;
  }

  /** Bytes held for an incomplete frame. */
  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return head;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
