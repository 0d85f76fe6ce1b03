// The floor's background: answers locally (the in-browser floor), or forwards to the bare
// native host or a bare WebSocket server and routes the answer back by id (full-path floors).
let native;
let socket;
let nextId = 1;
const waiting = new Map();
const queued = [];

function settle(m) {
  const entry = waiting.get(m.id);
  if (!entry) return;
  waiting.delete(m.id);
  entry.port.postMessage({ id: entry.id, result: m.result });
}

function host() {
  if (native) return native;
  native = chrome.runtime.connectNative("com.vaughan.bench_floor");
  native.onMessage.addListener(settle);
  native.onDisconnect.addListener(() => {
    native = undefined;
  });
  return native;
}

function sendWs(port, message) {
  if (!socket) {
    socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.onmessage = (event) => settle(JSON.parse(event.data));
    socket.onopen = () => {
      for (const text of queued.splice(0)) socket.send(text);
    };
    socket.onclose = () => {
      socket = undefined;
    };
  }
  const text = JSON.stringify(message);
  if (socket.readyState === WebSocket.OPEN) socket.send(text);
  else queued.push(text);
}

chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((m) => {
    if (m.local) {
      port.postMessage({ id: m.id, result: "0x1" });
      return;
    }
    const id = nextId++;
    waiting.set(id, { port, id: m.id });
    if (m.ws) sendWs(m.ws, { id, method: m.method });
    else host().postMessage({ id, method: m.method });
  });
});
