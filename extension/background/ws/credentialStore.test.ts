import { describe, expect, it } from "vitest";
import { clearCredential, loadCredential, saveCredential } from "./credentialStore.js";

/**
 * Just enough of IndexedDB for credentialStore.ts: one database, object stores holding values
 * by structured clone (as the real one does, which is what keeps a CryptoKey usable).
 */
function fakeIndexedDB(): { factory: IDBFactory; stores: Map<string, Map<string, unknown>> } {
  const stores = new Map<string, Map<string, unknown>>();
  const later = (fn: () => void) => setTimeout(fn, 0);
  const request = <T>(compute: () => T) => {
    const req = {
      result: undefined as T | undefined,
      error: null,
      onsuccess: null as null | (() => void),
      onerror: null,
    };
    later(() => {
      req.result = compute();
      req.onsuccess?.();
    });
    return req;
  };
  const db = {
    objectStoreNames: { contains: (name: string) => stores.has(name) },
    createObjectStore: (name: string) => stores.set(name, new Map()),
    close: () => {},
    transaction: (name: string) => {
      const store = stores.get(name) as Map<string, unknown>;
      const tx = {
        oncomplete: null as null | (() => void),
        onerror: null,
        onabort: null,
        objectStore: () => ({
          put: (value: unknown, key: string) => request(() => store.set(key, structuredClone(value)) && key),
          get: (key: string) => request(() => structuredClone(store.get(key))),
          delete: (key: string) => request(() => void store.delete(key)),
        }),
      };
      later(() => later(() => tx.oncomplete?.()));
      return tx;
    },
  };
  const factory = {
    open: () => {
      const req = {
        result: db,
        onupgradeneeded: null as null | (() => void),
        onsuccess: null as null | (() => void),
        onerror: null,
      };
      later(() => {
        req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, stores };
}

describe("credentialStore", () => {
  it("stores a non-extractable HMAC key and can sign with it after loading", async () => {
    const { factory, stores } = fakeIndexedDB();
    const raw = new Uint8Array(32).fill(9);
    await saveCredential(raw, factory);
    expect(raw.every((b) => b === 0)).toBe(true);
    const stored = [...(stores.get("credentials")?.values() ?? [])];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toBeInstanceOf(CryptoKey);

    const key = await loadCredential(factory);
    expect(key).not.toBeNull();
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: "HMAC", hash: { name: "SHA-256" } });
    expect(key?.usages.sort()).toEqual(["sign", "verify"]);
    await expect(crypto.subtle.exportKey("raw", key as CryptoKey)).rejects.toThrow();

    const reference = await crypto.subtle.importKey(
      "raw",
      new Uint8Array(32).fill(9),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const message = new TextEncoder().encode("m");
    expect(new Uint8Array(await crypto.subtle.sign("HMAC", key as CryptoKey, message))).toEqual(
      new Uint8Array(await crypto.subtle.sign("HMAC", reference, message)),
    );
  });

  it("returns null when nothing is stored, and after clearing", async () => {
    const { factory } = fakeIndexedDB();
    expect(await loadCredential(factory)).toBeNull();
    await saveCredential(new Uint8Array(32).fill(1), factory);
    await clearCredential(factory);
    expect(await loadCredential(factory)).toBeNull();
  });

  it("refuses a credential of the wrong length", async () => {
    const { factory } = fakeIndexedDB();
    await expect(saveCredential(new Uint8Array(16), factory)).rejects.toThrow("credential must be 32 bytes");
  });
});
