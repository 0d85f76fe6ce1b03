// The floor's page script: postMessage out, match the answer by id. No checks, no events.
(() => {
  let next = 1;
  const pending = new Map();
  window.addEventListener("message", (event) => {
    const d = event.data;
    if (event.source !== window || !d || d.ch !== "floor" || d.dir !== "to-page") return;
    const resolve = pending.get(d.id);
    if (!resolve) return;
    pending.delete(d.id);
    resolve(d.result);
  });
  window.floor = {
    request(method, local = false, ws = 0) {
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        window.postMessage({ ch: "floor", dir: "to-wallet", id, method, local, ws }, window.location.origin);
      });
    },
  };
})();
