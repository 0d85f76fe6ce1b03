import browser from "webextension-polyfill";
import { BatchIdSchema } from "../../protocol/callBatch.js";

/**
 * Opens the popup on an EIP-5792 batch after the host answered `wallet_showCallsStatus`: the
 * host has checked the id is the asking site's, so only a real batch of that site is shown.
 */
export async function openCallsStatus(params: unknown): Promise<void> {
  const id = BatchIdSchema.safeParse(Array.isArray(params) ? params[0] : undefined);
  if (!id.success) return;
  const url = browser.runtime.getURL(`popup.html#calls=${id.data}`);
  await browser.windows.create({ url, type: "popup", width: 420, height: 640, focused: true });
}
