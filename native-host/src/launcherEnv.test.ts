import { describe, expect, it } from "vitest";
import { daemonEnv } from "./launcherEnv.js";

describe("daemonEnv", () => {
  it("gives the daemon back the certificates the launcher set aside", () => {
    expect(daemonEnv({ PATH: "/bin", VAUGHAN_EXTRA_CA_CERTS: "/etc/corp.pem" })).toEqual({
      PATH: "/bin",
      NODE_EXTRA_CA_CERTS: "/etc/corp.pem",
    });
  });

  it("leaves an environment without them as it is", () => {
    expect(daemonEnv({ PATH: "/bin", NODE_EXTRA_CA_CERTS: "/etc/ca.pem" })).toEqual({
      PATH: "/bin",
      NODE_EXTRA_CA_CERTS: "/etc/ca.pem",
    });
    expect(daemonEnv({ PATH: "/bin" })).toEqual({ PATH: "/bin" });
  });
});
