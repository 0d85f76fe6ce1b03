import { describe, expect, it } from "vitest";
import { encodeFrame, encodeTextFrame, FrameDecoder, FrameError, FrameTooLargeError } from "./framing.js";

const MiB = 1_048_576;

function texts(frames: ReturnType<FrameDecoder["push"]>): string[] {
  return frames.map((f) => (f.ok ? f.text : `!${f.error.message}`));
}

describe("framing", () => {
  it("round-trips a message with a native-endian length prefix", () => {
    const frame = encodeFrame({ a: "é" });
    const json = '{"a":"é"}';
    expect(frame.length).toBe(4 + Buffer.byteLength(json));
    expect(texts(new FrameDecoder().push(frame))).toEqual([json]);
  });

  it("reassembles a frame split at every byte", () => {
    const frame = encodeFrame({ method: "eth_chainId", params: [1, 2, 3] });
    const decoder = new FrameDecoder();
    const out: string[] = [];
    for (const byte of frame) out.push(...texts(decoder.push(Buffer.from([byte]))));
    expect(out).toEqual(['{"method":"eth_chainId","params":[1,2,3]}']);
    expect(decoder.pending).toBe(0);
  });

  it("splits merged chunks into their frames, keeping a trailing partial one", () => {
    const a = encodeFrame({ n: 1 });
    const b = encodeFrame({ n: 2 });
    const c = encodeFrame({ n: 3 });
    const decoder = new FrameDecoder();
    expect(texts(decoder.push(Buffer.concat([a, b, c.subarray(0, 5)])))).toEqual(['{"n":1}', '{"n":2}']);
    expect(decoder.pending).toBe(5);
    expect(texts(decoder.push(c.subarray(5)))).toEqual(['{"n":3}']);
  });

  it("accepts a frame of exactly 1 MiB and refuses one byte more, both ways", () => {
    const exact = "x".repeat(MiB - 2);
    const frame = encodeFrame(exact);
    expect(frame.length).toBe(4 + MiB);
    expect(texts(new FrameDecoder().push(frame))[0]?.length).toBe(MiB);
    expect(() => encodeFrame(`${exact}x`)).toThrow(
      new FrameTooLargeError(`outbound frame of ${MiB + 1} bytes exceeds ${MiB}`),
    );
    const header = Buffer.alloc(4);
    header.writeUInt32LE(MiB + 1);
    expect(() => new FrameDecoder().push(header)).toThrow(
      `inbound frame declares ${MiB + 1} bytes, over the ${MiB} limit`,
    );
  });

  it("refuses a 0xFFFFFFFF prefix from the header alone, then stays broken", () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(FrameError);
    expect(decoder.pending).toBe(0);
    expect(() => decoder.push(encodeFrame({}))).toThrow("stream framing already lost");
  });

  it("reports invalid UTF-8 for that frame only and goes on", () => {
    const bad = Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from([0xc3, 0x28])]);
    const frames = new FrameDecoder().push(Buffer.concat([bad, encodeTextFrame('{"ok":1}')]));
    expect(texts(frames)).toEqual(["!invalid UTF-8", '{"ok":1}']);
  });

  it("passes invalid JSON through as text: parsing is the receiver's job", () => {
    expect(texts(new FrameDecoder().push(encodeTextFrame("{")))).toEqual(["{"]);
  });
});
