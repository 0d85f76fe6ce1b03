import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_EXTENSION_ID, GECKO_ID } from "../../protocol/extensionId.js";

/** A Chromium extension id: 32 letters a–p. */
export const CHROMIUM_ID = /^[a-p]{32}$/;
/** A gecko add-on id: email-like or a braced UUID (https://extensionworkshop.com/documentation/develop/extensions-and-the-add-on-id/). */
export const FIREFOX_ID =
  /^(?:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+|\{[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\})$/;

/** The extensions the host serves, by browser family. */
export interface TrustedIds {
  chromium: string[];
  firefox: string[];
}

/**
 * The ids `install` registers and the host then trusts. With no id given, the development
 * build's and `wallet@vaughan.io`. Ids given replace them (a store build must not leave the
 * development id, which anyone can load unpacked, trusted), unless `keepDevIds` asks to keep them.
 */
export function chooseTrustedIds(
  given: { extensionIds?: readonly string[]; firefoxIds?: readonly string[] },
  keepDevIds = false,
): TrustedIds {
  const ids = { chromium: [...new Set(given.extensionIds)], firefox: [...new Set(given.firefoxIds)] };
  return keepDevIds || ids.chromium.length + ids.firefox.length === 0 ? withBuiltIn(ids) : ids;
}

function withBuiltIn(ids: TrustedIds): TrustedIds {
  return {
    chromium: [...new Set([DEV_EXTENSION_ID, ...ids.chromium])],
    firefox: [...new Set([GECKO_ID, ...ids.firefox])],
  };
}

/**
 * The ids this data folder trusts, from settings.json as `install` left it (`extensionIds`,
 * `firefoxIds`, and `devIds`: false once ids replaced the built-in ones). Read without zod:
 * the relay is on every browser connection's start path, and only these fields matter to it.
 * A missing or unreadable file trusts the built-in ids only.
 */
export function readTrustedIds(home: string): TrustedIds {
  let settings: { extensionIds?: unknown; firefoxIds?: unknown; devIds?: unknown } = {};
  try {
    settings = JSON.parse(readFileSync(join(home, "settings.json"), "utf8")) ?? {};
  } catch {
    // No settings yet: only the built-in ids.
  }
  const valid = (list: unknown, pattern: RegExp): string[] =>
    Array.isArray(list) ? list.filter((id): id is string => typeof id === "string" && pattern.test(id)) : [];
  const ids = {
    chromium: valid(settings.extensionIds, CHROMIUM_ID),
    firefox: valid(settings.firefoxIds, FIREFOX_ID),
  };
  return settings.devIds === false ? ids : withBuiltIn(ids);
}
