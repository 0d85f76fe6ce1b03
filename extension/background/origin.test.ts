import { describe, expect, it } from "vitest";
import type browser from "webextension-polyfill";
import { originOf } from "./origin.js";

type Sender = browser.Runtime.MessageSender;

describe("originOf (T7, T8)", () => {
  it("takes the requesting frame's own origin, never its top page's", () => {
    const iframe = {
      origin: "http://localhost:5173",
      url: "http://localhost:5173/frame",
      frameId: 3,
      tab: { url: "https://top.example/", id: 1 },
    } as unknown as Sender;
    expect(originOf(iframe)).toBe("http://localhost:5173");
  });

  it("falls back to the origin of sender.url (Firefox has no sender.origin)", () => {
    expect(originOf({ url: "https://app.example:8443/path?q#h" } as Sender)).toBe("https://app.example:8443");
  });

  it("gives opaque, null and non-web origins no service", () => {
    for (const origin of [
      "null",
      "file://",
      "chrome-extension://abc",
      "data:text/html,x",
      "https://a.example/",
      "HTTPS://A.EXAMPLE",
    ]) {
      expect(originOf({ origin, url: "https://a.example/" } as unknown as Sender), origin).toBeUndefined();
    }
    expect(originOf({ url: "about:blank" } as Sender)).toBeUndefined();
    expect(originOf({ url: "not a url" } as Sender)).toBeUndefined();
    expect(originOf({} as Sender)).toBeUndefined();
    expect(originOf(undefined)).toBeUndefined();
  });
});
