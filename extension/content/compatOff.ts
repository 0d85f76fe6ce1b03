/**
 * Registered in the page's world at document_start only while the MetaMask-compatibility switch
 * is off (extension/common/metamaskCompat.ts). It tells the provider (extension/content/inpage.ts)
 * in both orders: a property for a provider that starts after it, an event for one that started
 * before. A page can forge either, but only to change what it sees itself.
 */
import { METAMASK_COMPAT_OFF } from "../../protocol/constants.js";

(window as unknown as Record<string, boolean>)[METAMASK_COMPAT_OFF] = true;
window.dispatchEvent(new Event(METAMASK_COMPAT_OFF));
