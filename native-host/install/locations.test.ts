import { describe, expect, it } from "vitest";
import { BROWSER_IDS, type BrowserId } from "./browsers.js";
import { options } from "./machines.fixture.js";
import { planInstall } from "./plan.js";

const LIN = "/home/ann/.config";
const MAC = "/Users/ann/Library/Application Support";
const WIN = "C:\\Users\\ann\\AppData\\Roaming\\Vaughan\\manifests";
/** Manifest folders per OS and browser (user scope), the heart of the installer. */
const USER_FOLDERS: Record<"linux" | "darwin", Record<BrowserId, string[]>> = {
  linux: {
    chrome: [`${LIN}/google-chrome/NativeMessagingHosts`],
    "chrome-beta": [`${LIN}/google-chrome-beta/NativeMessagingHosts`],
    "chrome-dev": [`${LIN}/google-chrome-unstable/NativeMessagingHosts`],
    chromium: [`${LIN}/chromium/NativeMessagingHosts`],
    brave: [`${LIN}/BraveSoftware/Brave-Browser/NativeMessagingHosts`],
    edge: [`${LIN}/microsoft-edge/NativeMessagingHosts`],
    "edge-beta": [`${LIN}/microsoft-edge-beta/NativeMessagingHosts`],
    "edge-dev": [`${LIN}/microsoft-edge-dev/NativeMessagingHosts`],
    vivaldi: [`${LIN}/vivaldi/NativeMessagingHosts`],
    opera: [`${LIN}/opera/NativeMessagingHosts`],
    firefox: ["/home/ann/.mozilla/native-messaging-hosts"],
  },
  darwin: {
    chrome: [`${MAC}/Google/Chrome/NativeMessagingHosts`],
    "chrome-beta": [`${MAC}/Google/Chrome Beta/NativeMessagingHosts`],
    "chrome-dev": [`${MAC}/Google/Chrome Dev/NativeMessagingHosts`],
    chromium: [`${MAC}/Chromium/NativeMessagingHosts`],
    brave: [
      `${MAC}/Google/Chrome/NativeMessagingHosts`,
      `${MAC}/BraveSoftware/Brave-Browser/NativeMessagingHosts`,
    ],
    edge: [`${MAC}/Microsoft Edge/NativeMessagingHosts`],
    "edge-beta": [`${MAC}/Microsoft Edge Beta/NativeMessagingHosts`],
    "edge-dev": [`${MAC}/Microsoft Edge Dev/NativeMessagingHosts`],
    vivaldi: [`${MAC}/Vivaldi/NativeMessagingHosts`],
    opera: [`${MAC}/com.operasoftware.Opera/NativeMessagingHosts`],
    firefox: [`${MAC}/Mozilla/NativeMessagingHosts`],
  },
};
const SYSTEM_FOLDERS: Record<"linux" | "darwin", Record<BrowserId, string[]>> = {
  linux: {
    chrome: ["/etc/opt/chrome/native-messaging-hosts"],
    "chrome-beta": ["/etc/opt/chrome/native-messaging-hosts"],
    "chrome-dev": ["/etc/opt/chrome/native-messaging-hosts"],
    chromium: ["/etc/chromium/native-messaging-hosts"],
    brave: ["/etc/opt/chrome/native-messaging-hosts"],
    edge: ["/etc/opt/edge/native-messaging-hosts"],
    "edge-beta": ["/etc/opt/edge/native-messaging-hosts"],
    "edge-dev": ["/etc/opt/edge/native-messaging-hosts"],
    vivaldi: ["/etc/opt/vivaldi/native-messaging-hosts", "/etc/chromium/native-messaging-hosts"],
    opera: ["/etc/chromium/native-messaging-hosts"],
    firefox: ["/usr/lib/mozilla/native-messaging-hosts"],
  },
  darwin: {
    chrome: ["/Library/Google/Chrome/NativeMessagingHosts"],
    "chrome-beta": ["/Library/Google/Chrome/NativeMessagingHosts"],
    "chrome-dev": ["/Library/Google/Chrome/NativeMessagingHosts"],
    chromium: ["/Library/Application Support/Chromium/NativeMessagingHosts"],
    brave: ["/Library/Google/Chrome/NativeMessagingHosts"],
    edge: ["/Library/Microsoft/Edge/NativeMessagingHosts"],
    "edge-beta": ["/Library/Microsoft/Edge/NativeMessagingHosts"],
    "edge-dev": ["/Library/Microsoft/Edge/NativeMessagingHosts"],
    vivaldi: ["/Library/Application Support/Chromium/NativeMessagingHosts"],
    opera: ["/Library/Application Support/Chromium/NativeMessagingHosts"],
    firefox: ["/Library/Application Support/Mozilla/NativeMessagingHosts"],
  },
};
/** Windows: manifest folder under the data folder, and the vendor keys naming it. */
const WINDOWS: Record<BrowserId, [string, string[]]> = {
  chrome: ["chrome", ["Google\\Chrome"]],
  "chrome-beta": ["chrome", ["Google\\Chrome"]],
  "chrome-dev": ["chrome", ["Google\\Chrome"]],
  chromium: ["chromium", ["Chromium"]],
  brave: ["brave", ["BraveSoftware\\Brave-Browser", "Google\\Chrome"]],
  edge: ["edge", ["Microsoft\\Edge"]],
  "edge-beta": ["edge", ["Microsoft\\Edge"]],
  "edge-dev": ["edge", ["Microsoft\\Edge"]],
  vivaldi: ["vivaldi", ["Vivaldi", "Google\\Chrome"]],
  opera: ["opera", ["Opera Software", "Google\\Chrome"]],
  firefox: ["firefox", ["Mozilla"]],
};

describe("planInstall: exact locations for every OS × browser × scope", () => {
  for (const scope of ["user", "system"] as const) {
    for (const platform of ["linux", "darwin"] as const) {
      const table = scope === "user" ? USER_FOLDERS : SYSTEM_FOLDERS;
      it.each(BROWSER_IDS)(`${platform} ${scope} %s`, (browser) => {
        const plan = planInstall(options(platform, [browser], scope));
        expect(plan.files.map((f) => f.path)).toEqual(
          table[platform][browser].map((d) => `${d}/io.vaughan.host.json`),
        );
        expect(plan.registry).toEqual([]);
      });
    }
    it.each(BROWSER_IDS)(`win32 ${scope} %s`, (browser) => {
      const plan = planInstall(options("win32", [browser], scope));
      const [folder, vendors] = WINDOWS[browser];
      const manifest = `${WIN}\\${folder}\\io.vaughan.host.json`;
      const hive = scope === "user" ? "HKCU" : "HKLM";
      expect(plan.files.map((f) => f.path)).toEqual([manifest]);
      expect(plan.registry.map((r) => r.command)).toEqual(
        vendors.map((v) => [
          "reg",
          "add",
          `${hive}\\Software\\${v}\\NativeMessagingHosts\\io.vaughan.host`,
          "/ve",
          "/t",
          "REG_SZ",
          "/d",
          manifest,
          "/f",
        ]),
      );
    });
  }
});
