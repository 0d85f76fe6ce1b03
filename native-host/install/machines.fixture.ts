import type { Platform, Scope } from "./browsers.js";
import type { InstallOptions } from "./plan.js";

/** Test machines: one user, "ann", on each OS; tests plan for them from any OS. */
export const MACHINES = {
  linux: {
    homedir: "/home/ann",
    home: "/home/ann/.config/vaughan",
    node: "/usr/bin/node",
    script: "/opt/vaughan/vaughan-host.mjs",
  },
  darwin: {
    homedir: "/Users/ann",
    home: "/Users/ann/Library/Application Support/Vaughan",
    node: "/opt/homebrew/bin/node",
    script: "/Users/ann/vaughan/dist/host/vaughan-host.mjs",
  },
  win32: {
    homedir: "C:\\Users\\ann",
    home: "C:\\Users\\ann\\AppData\\Roaming\\Vaughan",
    node: "C:\\Program Files\\nodejs\\node.exe",
    script: "C:\\Users\\ann\\vaughan\\dist\\host\\vaughan-host.mjs",
  },
} as const;

/** Install options for one of {@link MACHINES}. */
export function options(
  platform: Platform,
  browsers: InstallOptions["browsers"],
  scope: Scope = "user",
): InstallOptions {
  const m = MACHINES[platform];
  return {
    platform,
    homedir: m.homedir,
    home: m.home,
    env: {},
    browsers,
    scope,
    nodePath: m.node,
    hostScript: m.script,
  };
}
