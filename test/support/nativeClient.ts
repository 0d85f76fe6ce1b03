import { type ChildProcess, spawn } from "node:child_process";
import { endianness } from "node:os";
import { DEV_EXTENSION_ID } from "../../protocol/extensionId.js";
import { HOST_SCRIPT } from "./host.js";

const le = endianness() === "LE";

/** Frames a message as a browser would (4-byte native-endian length + UTF-8 JSON). */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(typeof message === "string" ? message : JSON.stringify(message), "utf8");
  const header = Buffer.alloc(4);
  if (le) header.writeUInt32LE(body.length);
  else header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/**
 * Plays the browser's side of native messaging against the real host program: spawns it with
 * the caller origin as Chromium does, writes frames to its stdin and reads frames from stdout.
 * Every byte on stdout must belong to a frame; anything else fails `stdoutGarbage`.
 */
export class NativeClient {
  readonly child: ChildProcess;
  readonly messages: unknown[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  stderr = "";

  /** `launcher`: the program a browser would run (an installed launcher); node and the host by default. */
  constructor(args: string[], env: NodeJS.ProcessEnv, launcher?: string) {
    const [command, ...first] = launcher ? [launcher] : [process.execPath, HOST_SCRIPT];
    this.child = spawn(command as string, [...first, ...args], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 4) {
        const length = le ? this.buffer.readUInt32LE(0) : this.buffer.readUInt32BE(0);
        if (this.buffer.length < 4 + length) break;
        const text = this.buffer.subarray(4, 4 + length).toString("utf8");
        this.buffer = this.buffer.subarray(4 + length);
        this.messages.push(JSON.parse(text));
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  send(message: unknown): void {
    this.child.stdin?.write(frame(message));
  }

  writeRaw(bytes: Buffer): void {
    this.child.stdin?.write(bytes);
  }

  /** The first message (already received or still to come) that matches. */
  async next<T = Record<string, unknown>>(
    match: (m: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex((m) => match(m as Record<string, unknown>));
      if (index !== -1) return this.messages.splice(index, 1)[0] as T;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching message; got ${JSON.stringify(this.messages)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Bytes left on stdout that did not form a whole frame. */
  get stdoutGarbage(): number {
    return this.buffer.length;
  }

  async close(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/** The real host program started as Chromium starts it for our extension, past the hello exchange. */
export async function openNativeClient(dirs: { home: string; fakeHome: string }): Promise<NativeClient> {
  const client = new NativeClient([`chrome-extension://${DEV_EXTENSION_ID}/`], {
    VAUGHAN_HOME: dirs.home,
    HOME: dirs.fakeHome,
  });
  client.send({ v: 1, type: "hello", role: "extension", extension: "test", browser: "chromium" });
  await client.next((m) => m.type === "hello");
  return client;
}
