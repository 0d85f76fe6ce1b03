import { hexToBytes } from "viem";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The message as a person should read it: text when it is printable UTF-8, else hex only. */
export function readableMessage(data: `0x${string}`): { text?: string; hex: `0x${string}` } {
  try {
    const text = utf8.decode(hexToBytes(data));
    // Control characters (other than newline and tab) and bidi overrides would let a message
    // hide what it says, so such a message is shown as hex.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text))
      return { hex: data };
    return { text, hex: data };
  } catch {
    return { hex: data };
  }
}
