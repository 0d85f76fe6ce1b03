import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { encodeFrame, FrameDecoder } from "../framing.js";
import { assertPrivate } from "../home.js";

/**
 * The daemon proves it knows the data folder's install secret before a relay or the CLI sends
 * it anything: a password, a browser's request. Whoever can read the secret is this user (a
 * 0600 file in the 0700 folder, or the user's own %APPDATA% on Windows), so a server that
 * cannot answer is an impostor: on Windows another user can create a named pipe of the name
 * first (Node gives a pipe the default DACL and no way to check its owner:
 * https://github.com/nodejs/node/issues/47086), and the same exchange runs everywhere so it
 * is tested everywhere.
 *
 *   client → `{v: 1, type: "prove-server", nonce}`   32 random bytes, hex
 *   daemon → `{v: 1, type: "server-proof", proof}`   HMAC-SHA256(secret, label + nonce), hex
 *
 * then the usual hello. The client's fresh nonce makes a recorded proof useless. Zod-free: the
 * relay runs this on every browser connection.
 */

/** The install secret's file in the data folder (also the WebSocket credentials' root). */
export const INSTALL_SECRET_FILE = "ws-secret";
const LABEL = "vaughan-local-server-v1:";
const HEX_32 = /^[0-9a-f]{64}$/;
/** How long a client waits for the proof. */
export const SERVER_PROOF_TIMEOUT_MS = 5000;

/** The server on the daemon's socket did not prove it knows the install secret. */
export class ServerNotProvenError extends Error {
  override name = "ServerNotProvenError";
}

/** The install secret as a client reads it (the daemon creates it before it listens). */
export function readInstallSecret(home: string): Buffer {
  const path = join(home, INSTALL_SECRET_FILE);
  try {
    if (!lstatSync(path).isFile()) throw new ServerNotProvenError(`${path} is not a regular file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new ServerNotProvenError(`${path} is missing, so the daemon cannot be verified`);
    throw error;
  }
  assertPrivate(path, "file");
  return readFileSync(path);
}

function proofFor(secret: Buffer, nonce: string): Buffer {
  return createHmac("sha256", secret).update(`${LABEL}${nonce}`, "utf8").digest();
}

/**
 * The daemon's side: the answer when `text` (a first frame) asks for the proof, undefined when
 * it is something else (then it must be a hello).
 */
export function answerProofRequest(
  secret: Buffer,
  text: string,
): { v: 1; type: "server-proof"; proof: string } | undefined {
  let m: { v?: unknown; type?: unknown; nonce?: unknown } | null;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof m !== "object" || m === null || m.type !== "prove-server" || m.v !== 1) return undefined;
  if (typeof m.nonce !== "string" || !HEX_32.test(m.nonce) || Object.keys(m).length !== 3) return undefined;
  return { v: 1, type: "server-proof", proof: proofFor(secret, m.nonce).toString("hex") };
}

/**
 * The client's side, on a connected socket before anything else is written: asks for the
 * proof and resolves once it verifies; rejects with {@link ServerNotProvenError} on a wrong,
 * malformed or missing answer (the caller closes the socket and sends nothing). Consumes
 * exactly the proof frame: a server that sends more before the hello is refused too.
 */
export function proveServer(
  socket: Socket,
  home: string,
  timeoutMs = SERVER_PROOF_TIMEOUT_MS,
): Promise<void> {
  let secret: Buffer;
  try {
    secret = readInstallSecret(home);
  } catch (error) {
    return Promise.reject(error);
  }
  const nonce = randomBytes(32).toString("hex");
  const expected = proofFor(secret, nonce);
  const decoder = new FrameDecoder(1024);
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onClose);
      if (error) reject(error);
      else resolve();
    };
    const refuse = (why: string) =>
      done(
        new ServerNotProvenError(`the daemon's socket did not prove it belongs to this data folder (${why})`),
      );
    const timer = setTimeout(() => refuse("no answer"), timeoutMs);
    const onClose = () => refuse("closed");
    const onData = (chunk: Buffer) => {
      let frames: ReturnType<FrameDecoder["push"]>;
      try {
        frames = decoder.push(chunk);
      } catch {
        return refuse("oversized answer");
      }
      const [first] = frames;
      if (!first) return;
      let answer: { type?: unknown; proof?: unknown } | null = null;
      try {
        answer = first.ok ? JSON.parse(first.text) : null;
      } catch {
        // Not JSON: refused below.
      }
      const proof = typeof answer?.proof === "string" && HEX_32.test(answer.proof) ? answer.proof : undefined;
      if (answer?.type !== "server-proof" || proof === undefined) return refuse("no proof");
      if (!timingSafeEqual(Buffer.from(proof, "hex"), expected)) return refuse("wrong proof");
      if (frames.length > 1 || decoder.pending > 0) return refuse("unexpected data");
      done();
    };
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.once("error", onClose);
    socket.write(encodeFrame({ v: 1, type: "prove-server", nonce }));
  });
}
