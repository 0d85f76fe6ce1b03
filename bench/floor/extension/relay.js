// The floor's isolated-world relay: window message → runtime port, and back.
const port = chrome.runtime.connect({ name: "floor" });
port.onMessage.addListener((m) =>
  window.postMessage({ ch: "floor", dir: "to-page", id: m.id, result: m.result }, window.location.origin),
);
window.addEventListener("message", (event) => {
  const d = event.data;
  if (event.source !== window || !d || d.ch !== "floor" || d.dir !== "to-wallet") return;
  port.postMessage({ id: d.id, method: d.method, local: d.local, ws: d.ws });
});
