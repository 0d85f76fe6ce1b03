/**
 * Where each browser looks for native-messaging host manifests, as data.
 * Sources: docs/native-messaging.md, https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location
 * and https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Native_manifests#manifest_location
 *
 * Folder templates use `/` and start with a token that `folderFor` (plan.ts) expands:
 * `~` home, `$CONFIG` ($XDG_CONFIG_HOME or ~/.config), `$APPSUPPORT` (~/Library/Application
 * Support), `$LOCALAPPDATA`, `$APPDATA`; anything else is an absolute path.
 */

/** Operating systems the installer plans for (Node's `process.platform` spelling). */
export type Platform = "linux" | "darwin" | "win32";
/** Per-user (default) or machine-wide registration. */
export type Scope = "user" | "system";
/** Manifest flavour: Chromium-family (`allowed_origins`) or Firefox (`allowed_extensions`). */
export type Family = "chromium" | "firefox";

/** All browser ids, in the order output lists them. */
export const BROWSER_IDS = [
  "chrome",
  "chrome-beta",
  "chrome-dev",
  "chromium",
  "brave",
  "edge",
  "edge-beta",
  "edge-dev",
  "vivaldi",
  "opera",
  "firefox",
] as const;
/** One of {@link BROWSER_IDS}. */
export type BrowserId = (typeof BROWSER_IDS)[number];

/** Linux and macOS: manifests are files in well-known folders. */
export interface PosixLocations {
  /** Per-user manifest folders (all written; the first is the one the browser documents). */
  user: readonly string[];
  /** Machine-wide manifest folders. */
  system: readonly string[];
  /** Folders whose existence means the browser is installed (its profile or app bundle). */
  detect: readonly string[];
  /** Executables looked up on PATH for detection (Linux). */
  executables?: readonly string[];
  /** Set when a folder is a best guess rather than documented; shown as a warning. */
  guess?: string;
}

/** Windows: manifests live anywhere; the registry key under HKCU/HKLM\Software names them. */
export interface WindowsLocations {
  /** Vendor paths under `Software\`, each gets `\NativeMessagingHosts\<name>`. */
  registry: readonly string[];
  detect: readonly string[];
}

/** Flatpak sandbox: the browser reads manifests from inside its own ~/.var/app folder. */
export interface FlatpakLocation {
  appId: string;
  /** Manifest folder template. */
  folder: string;
}

/** One row of the table. */
export interface BrowserSpec {
  id: BrowserId;
  label: string;
  family: Family;
  linux: PosixLocations;
  darwin: PosixLocations;
  win32: WindowsLocations;
  flatpak?: FlatpakLocation;
  /**
   * Whether `--user-data-dir DIR` moves the per-user folder to DIR/NativeMessagingHosts.
   * Chromium derives it from the profile folder; Brave keeps its fixed folder; Firefox has none.
   */
  honorsUserDataDir: boolean;
}

/** Shown whenever a Flatpak location is planned: the host then runs inside the sandbox. */
export const FLATPAK_WARNING =
  "Flatpak browsers start the host inside their sandbox, where the host's node and data folder are usually not visible; the WebSocket fallback (vaughan-host serve + pair) is the practical route.";
/** Shown when a Snap browser is found: Snap confinement blocks native hosts outright. */
export const SNAP_WARNING =
  "Snap-packaged browsers cannot launch native-messaging hosts; use the WebSocket fallback (vaughan-host serve + pair).";

const CHROME_SYSTEM_LINUX = "/etc/opt/chrome/native-messaging-hosts";
const CHROMIUM_SYSTEM_LINUX = "/etc/chromium/native-messaging-hosts";
const EDGE_SYSTEM_LINUX = "/etc/opt/edge/native-messaging-hosts";
const CHROME_SYSTEM_MAC = "/Library/Google/Chrome/NativeMessagingHosts";
const CHROMIUM_SYSTEM_MAC = "/Library/Application Support/Chromium/NativeMessagingHosts";
const EDGE_SYSTEM_MAC = "/Library/Microsoft/Edge/NativeMessagingHosts";

/** A Flatpak app whose profile lives in `~/.var/app/<appId>/config/<dir>`. */
function flatpak(appId: string, dir: string): FlatpakLocation {
  return { appId, folder: `~/.var/app/${appId}/config/${dir}/NativeMessagingHosts` };
}

function chromeChannel(id: BrowserId, channel: "" | "Beta" | "Dev", flatpakId?: string): BrowserSpec {
  const linuxDir = { "": "google-chrome", Beta: "google-chrome-beta", Dev: "google-chrome-unstable" }[
    channel
  ];
  const vendorDir = `Google/Chrome${channel ? ` ${channel}` : ""}`;
  return {
    id,
    label: `Google Chrome${channel ? ` ${channel}` : ""}`,
    family: "chromium",
    linux: {
      user: [`$CONFIG/${linuxDir}/NativeMessagingHosts`],
      // Every Chrome channel shares one machine-wide folder on Linux and macOS.
      system: [CHROME_SYSTEM_LINUX],
      detect: [`$CONFIG/${linuxDir}`],
      executables: [channel ? linuxDir : "google-chrome-stable", linuxDir],
    },
    darwin: {
      user: [`$APPSUPPORT/${vendorDir}/NativeMessagingHosts`],
      system: [CHROME_SYSTEM_MAC],
      detect: [`$APPSUPPORT/${vendorDir}`],
    },
    // Chrome's channels read the same registry key on Windows.
    win32: { registry: ["Google\\Chrome"], detect: [`$LOCALAPPDATA/${vendorDir}/User Data`] },
    honorsUserDataDir: true,
    ...(flatpakId ? { flatpak: flatpak(flatpakId, linuxDir) } : {}),
  };
}

function edgeChannel(id: BrowserId, channel: "" | "Beta" | "Dev"): BrowserSpec {
  const linuxDir = `microsoft-edge${channel ? `-${channel.toLowerCase()}` : ""}`;
  const macDir = `Microsoft Edge${channel ? ` ${channel}` : ""}`;
  return {
    id,
    label: macDir,
    family: "chromium",
    linux: {
      user: [`$CONFIG/${linuxDir}/NativeMessagingHosts`],
      system: [EDGE_SYSTEM_LINUX],
      detect: [`$CONFIG/${linuxDir}`],
      executables: [channel ? linuxDir : "microsoft-edge-stable", linuxDir],
    },
    darwin: {
      user: [`$APPSUPPORT/${macDir}/NativeMessagingHosts`],
      system: [EDGE_SYSTEM_MAC],
      detect: [`$APPSUPPORT/${macDir}`],
    },
    win32: {
      registry: ["Microsoft\\Edge"],
      detect: [`$LOCALAPPDATA/Microsoft/Edge${channel ? ` ${channel}` : ""}/User Data`],
    },
    honorsUserDataDir: true,
    ...(channel ? {} : { flatpak: flatpak("com.microsoft.Edge", linuxDir) }),
  };
}

/** The table: one row per browser. */
export const BROWSERS: Readonly<Record<BrowserId, BrowserSpec>> = {
  chrome: chromeChannel("chrome", "", "com.google.Chrome"),
  "chrome-beta": chromeChannel("chrome-beta", "Beta"),
  "chrome-dev": chromeChannel("chrome-dev", "Dev", "com.google.ChromeDev"),
  chromium: {
    id: "chromium",
    label: "Chromium",
    family: "chromium",
    linux: {
      user: ["$CONFIG/chromium/NativeMessagingHosts"],
      system: [CHROMIUM_SYSTEM_LINUX],
      detect: ["$CONFIG/chromium"],
      executables: ["chromium", "chromium-browser"],
    },
    darwin: {
      user: ["$APPSUPPORT/Chromium/NativeMessagingHosts"],
      system: [CHROMIUM_SYSTEM_MAC],
      detect: ["$APPSUPPORT/Chromium"],
    },
    // Chromium reads its own key, then Chrome's; its own is enough.
    win32: { registry: ["Chromium"], detect: ["$LOCALAPPDATA/Chromium/User Data"] },
    flatpak: flatpak("org.chromium.Chromium", "chromium"),
    honorsUserDataDir: true,
  },
  brave: {
    id: "brave",
    label: "Brave",
    family: "chromium",
    linux: {
      user: ["$CONFIG/BraveSoftware/Brave-Browser/NativeMessagingHosts"],
      system: [CHROME_SYSTEM_LINUX],
      detect: ["$CONFIG/BraveSoftware/Brave-Browser"],
      executables: ["brave-browser", "brave"],
    },
    darwin: {
      // Brave on macOS has read Chrome's folder (docs/native-messaging.md, "Where each browser looks"); its own folder is
      // written too so either behaviour finds the host.
      user: [
        "$APPSUPPORT/Google/Chrome/NativeMessagingHosts",
        "$APPSUPPORT/BraveSoftware/Brave-Browser/NativeMessagingHosts",
      ],
      system: [CHROME_SYSTEM_MAC],
      detect: ["$APPSUPPORT/BraveSoftware/Brave-Browser"],
    },
    win32: {
      registry: ["BraveSoftware\\Brave-Browser", "Google\\Chrome"],
      detect: ["$LOCALAPPDATA/BraveSoftware/Brave-Browser/User Data"],
    },
    flatpak: flatpak("com.brave.Browser", "BraveSoftware/Brave-Browser"),
    honorsUserDataDir: false,
  },
  edge: edgeChannel("edge", ""),
  "edge-beta": edgeChannel("edge-beta", "Beta"),
  "edge-dev": edgeChannel("edge-dev", "Dev"),
  vivaldi: {
    id: "vivaldi",
    label: "Vivaldi",
    family: "chromium",
    linux: {
      user: ["$CONFIG/vivaldi/NativeMessagingHosts"],
      system: ["/etc/opt/vivaldi/native-messaging-hosts", CHROMIUM_SYSTEM_LINUX],
      detect: ["$CONFIG/vivaldi"],
      executables: ["vivaldi", "vivaldi-stable"],
      guess: "Vivaldi's machine-wide folder is undocumented; both likely folders are written.",
    },
    darwin: {
      user: ["$APPSUPPORT/Vivaldi/NativeMessagingHosts"],
      system: [CHROMIUM_SYSTEM_MAC],
      detect: ["$APPSUPPORT/Vivaldi"],
      guess: "Vivaldi's machine-wide folder on macOS is undocumented; Chromium's is used.",
    },
    win32: { registry: ["Vivaldi", "Google\\Chrome"], detect: ["$LOCALAPPDATA/Vivaldi/User Data"] },
    flatpak: flatpak("com.vivaldi.Vivaldi", "vivaldi"),
    honorsUserDataDir: true,
  },
  opera: {
    id: "opera",
    label: "Opera",
    family: "chromium",
    linux: {
      user: ["$CONFIG/opera/NativeMessagingHosts"],
      system: [CHROMIUM_SYSTEM_LINUX],
      detect: ["$CONFIG/opera"],
      executables: ["opera"],
      guess: "Opera documents no native-messaging folders; Chromium's conventions are assumed.",
    },
    darwin: {
      user: ["$APPSUPPORT/com.operasoftware.Opera/NativeMessagingHosts"],
      system: [CHROMIUM_SYSTEM_MAC],
      detect: ["$APPSUPPORT/com.operasoftware.Opera"],
      guess: "Opera documents no native-messaging folders; Chromium's conventions are assumed.",
    },
    win32: {
      registry: ["Opera Software", "Google\\Chrome"],
      detect: ["$APPDATA/Opera Software/Opera Stable"],
    },
    flatpak: flatpak("com.opera.Opera", "opera"),
    honorsUserDataDir: true,
  },
  firefox: {
    id: "firefox",
    label: "Firefox",
    family: "firefox",
    linux: {
      user: ["~/.mozilla/native-messaging-hosts"],
      // /usr/lib64 is added by plan.ts only where it exists (Fedora-style multilib).
      system: ["/usr/lib/mozilla/native-messaging-hosts"],
      detect: ["~/.mozilla/firefox"],
      executables: ["firefox", "firefox-esr"],
    },
    darwin: {
      user: ["$APPSUPPORT/Mozilla/NativeMessagingHosts"],
      system: ["/Library/Application Support/Mozilla/NativeMessagingHosts"],
      detect: ["$APPSUPPORT/Firefox"],
    },
    win32: { registry: ["Mozilla"], detect: ["$APPDATA/Mozilla/Firefox"] },
    flatpak: {
      appId: "org.mozilla.firefox",
      folder: "~/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts",
    },
    honorsUserDataDir: false,
  },
};

/** Snap packages whose presence earns {@link SNAP_WARNING}. */
export const SNAP_FOLDERS = ["~/snap/chromium", "~/snap/brave"] as const;

/** Narrows a user-supplied name to a browser id. */
export function isBrowserId(name: string): name is BrowserId {
  return (BROWSER_IDS as readonly string[]).includes(name);
}
