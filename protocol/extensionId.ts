/**
 * The id of the development build, fixed by the `key` committed in extension/manifest.json
 * (first 32 hex chars of sha256(DER public key), 0–f mapped to a–p). build.mjs checks that the
 * two agree.
 */
export const DEV_EXTENSION_ID = "fjhehmfkkmbpmlimkananfllhangkafn";
/** Firefox add-on id (docs/interface.md). */
export const GECKO_ID = "wallet@vaughan.io";
