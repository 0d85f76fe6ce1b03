import { describe, expect, it, vi } from "vitest";
import { NativeUnavailableError } from "./nativeTransport.js";
import { transportHint } from "./transportHint.js";
import { NotPairedError } from "./webSocketTransport.js";
import { HOST_UNVERIFIED, HostUnverifiedError } from "./ws/clientHandshake.js";

// The connectors' modules import the polyfill, which only loads inside an extension.
vi.mock("webextension-polyfill", () => ({ default: {} }));

describe("transportHint", () => {
  it("gives the fix for the first transport whose failure has one, native before the fallback", () => {
    const notFound = new NativeUnavailableError("Specified native messaging host not found.");
    expect(transportHint([notFound, new NotPairedError("not paired for the WebSocket fallback")])).toBe(
      "The host is not registered for this browser: run `vaughan-host install --browser auto`.",
    );
    expect(
      transportHint([new NativeUnavailableError("the native host did not answer"), new NotPairedError()]),
    ).toBe("For the WebSocket fallback, run `vaughan-host pair` and enter the code on the options page.");
  });

  it("knows our own failures by class, not by their words", () => {
    expect(transportHint([new HostUnverifiedError()])).toMatch(/could not prove it is your Vaughan host/);
    // The same words in a browser error are not the impostor case.
    expect(transportHint([new Error(HOST_UNVERIFIED)])).toBeUndefined();
  });

  it("reads the text a lost native connection closed with", () => {
    expect(transportHint(["Native host has exited."])).toBe(
      "The host stopped: see the host log named by `vaughan-host status`.",
    );
    expect(transportHint(["WebSocket closed"])).toBeUndefined();
    expect(transportHint([])).toBeUndefined();
  });
});
