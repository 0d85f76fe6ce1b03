/**
 * Keeps the WebSocket credential (docs/security.md T4, T15) as a non-extractable WebCrypto HMAC key
 * in IndexedDB, which stores CryptoKey objects by structured clone. Script in the extension can
 * use the key to sign but never read its bytes, and it never touches `chrome.storage`, which
 * is readable by every extension context and synced or logged by some tooling.
 * Browser code: no `node:` imports.
 */

const DB_NAME = "vaughan-ws";
const STORE = "credentials";
const RECORD = "ws-credential";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
  };
  return request(req);
}

async function withStore<T>(
  factory: IDBFactory,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb(factory);
  try {
    const tx = db.transaction(STORE, mode);
    // Handlers go on before the request runs: the write counts only once the transaction commits.
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await request(run(tx.objectStore(STORE)));
    await committed;
    return result;
  } finally {
    db.close();
  }
}

/**
 * Imports `raw` (the 32-byte credential from pairing or native messaging) as a non-extractable
 * HMAC-SHA256 key usable only to sign and verify, stores it, and zeroes `raw` so the bytes do
 * not outlive this call in the caller's buffer.
 */
export async function saveCredential(
  raw: Uint8Array,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<void> {
  if (raw.length !== 32) throw new Error("credential must be 32 bytes");
  const copy = new Uint8Array(raw);
  raw.fill(0);
  const key = await crypto.subtle.importKey("raw", copy, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  copy.fill(0);
  await withStore(factory, "readwrite", (store) => store.put(key, RECORD));
}

/** The stored credential key, or null when this extension has not been paired. */
export async function loadCredential(factory: IDBFactory = globalThis.indexedDB): Promise<CryptoKey | null> {
  const value: unknown = await withStore(factory, "readonly", (store) => store.get(RECORD));
  return value instanceof CryptoKey ? value : null;
}

/** Forgets the credential (unpair); the next WebSocket connection needs a new pairing. */
export async function clearCredential(factory: IDBFactory = globalThis.indexedDB): Promise<void> {
  await withStore(factory, "readwrite", (store) => store.delete(RECORD));
}
