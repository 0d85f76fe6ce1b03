import { describe, expect, it } from "vitest";
import { explain } from "../../native-host/install/status.js";

/** Firefox's native-messaging errors, as Firefox ESR 153 reports them in `port.error`. */
describe("explain: Firefox's native-messaging errors", () => {
  it("explains a missing, unparsable or foreign manifest", () => {
    expect(explain("No such native application io.vaughan.host")).toBe(
      "Firefox found no usable io.vaughan.host manifest in ~/.mozilla/native-messaging-hosts (or /usr/lib/mozilla/native-messaging-hosts): none was installed, it is not valid JSON, or its allowed_extensions does not list wallet@vaughan.io. Fix: run `vaughan-host install --browser firefox`, then `vaughan-host status`.",
    );
  });

  it("explains a launcher Firefox cannot run, and an oversized or garbled frame", () => {
    expect(explain("An unexpected error occurred")).toMatch(
      /^Firefox could not run the manifest's path.*Fix: /,
    );
    expect(
      explain(
        "Native application tried to send a message of 1819043176 bytes, which exceeds the limit of 1048576 bytes.",
      ),
    ).toMatch(/not a native-messaging frame.*Fix: /);
  });
});
