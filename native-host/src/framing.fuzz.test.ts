import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeTextFrame, FrameDecoder, FrameError } from "./framing.js";

/** Cuts `bytes` at the given offsets, so frames arrive split and merged anywhere. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let start = 0;
  for (const p of points) {
    parts.push(bytes.subarray(start, p));
    start = p;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

/** The framing decoder under random and mutated input, a bounded number of runs. */
describe("FrameDecoder fuzz", () => {
  it("returns every frame intact however the stream is chunked", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 200, unit: "grapheme" }), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (texts, offsets) => {
          const stream = Buffer.concat(texts.map((t) => encodeTextFrame(JSON.stringify(t))));
          const decoder = new FrameDecoder();
          const out = cut(stream, offsets).flatMap((chunk) => decoder.push(chunk));
          expect(out).toEqual(texts.map((t) => ({ ok: true, text: JSON.stringify(t) })));
          expect(decoder.pending).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws anything but FrameError on random bytes, and refuses to go on after one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }),
        fc.integer({ min: 4, max: 4096 }),
        (chunks, max) => {
          const decoder = new FrameDecoder(max);
          let broken = false;
          for (const chunk of chunks) {
            try {
              const frames = decoder.push(Buffer.from(chunk));
              expect(broken).toBe(false);
              for (const frame of frames) if (!frame.ok) expect(frame.error).toBeInstanceOf(FrameError);
            } catch (error) {
              expect(error).toBeInstanceOf(FrameError);
              broken = true;
            }
            // Never buffers more than one frame's worth beyond the cap.
            expect(decoder.pending).toBeLessThanOrEqual(max + 4 + 64);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("survives mutated valid streams (bit flips, truncation, duplication)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
        (values, flips, truncate) => {
          const stream = Buffer.concat(values.map((v) => encodeTextFrame(JSON.stringify(v) ?? "null")));
          for (const [at, byte] of flips) stream[at % stream.length] = byte;
          const mutated = Buffer.concat([stream, stream]).subarray(0, truncate % (2 * stream.length + 1));
          const decoder = new FrameDecoder(1 << 16);
          try {
            decoder.push(mutated);
          } catch (error) {
            expect(error).toBeInstanceOf(FrameError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
