// The floor's isolated-world relay: window message → runtime port, and back. It connects at
// load, and again on the next message once the port is gone (the worker was stopped): any
// relay must, or a page open across a worker stop would wait forever.
let port;
function connect() {
  if (port) return port;
  port = chrome.runtime.connect({ name: "floor" });
  port.onMessage.addListener((m) =>
    window.postMessage({ ch: "floor", dir: "to-page", id: m.id, result: m.result }, window.location.origin),
  );
  port.onDisconnect.addListener(() => {
    port = undefined;
  });
  return port;
}
connect();
window.addEventListener("message", (event) => {
  const d = event.data;
  if (event.source !== window || !d || d.ch !== "floor" || d.dir !== "to-wallet") return;
  connect().postMessage({ id: d.id, method: d.method, local: d.local, ws: d.ws });
});
