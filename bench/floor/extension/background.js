// The floor's background: answers locally (the in-browser floor) or forwards to the bare
// native host and routes the answer back by id (the full-path floor).
let native;
let nextId = 1;
const waiting = new Map();
function host() {
  if (native) return native;
  native = chrome.runtime.connectNative("com.vaughan.bench_floor");
  native.onMessage.addListener((m) => {
    const entry = waiting.get(m.id);
    if (!entry) return;
    waiting.delete(m.id);
    entry.port.postMessage({ id: entry.id, result: m.result });
  });
  native.onDisconnect.addListener(() => {
    native = undefined;
  });
  return native;
}
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((m) => {
    if (m.local) {
      port.postMessage({ id: m.id, result: "0x1" });
      return;
    }
    const id = nextId++;
    waiting.set(id, { port, id: m.id });
    host().postMessage({ id, method: m.method });
  });
});
