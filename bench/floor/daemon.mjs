// The floor's daemon: decodes frames, parses JSON, answers { id, result } — no schemas, no
// permissions, no rate limits. The path of the socket is the first argument.
import { createServer } from "node:net";

const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const server = createServer((socket) => {
  let buffer = Buffer.alloc(0);
  socket.on("data", (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (buffer.length >= 4) {
      const length = le ? buffer.readUInt32LE(0) : buffer.readUInt32BE(0);
      if (buffer.length < 4 + length) break;
      const message = JSON.parse(buffer.subarray(4, 4 + length).toString("utf8"));
      buffer = buffer.subarray(4 + length);
      const body = Buffer.from(JSON.stringify({ id: message.id, result: "0x1" }));
      const header = Buffer.alloc(4);
      if (le) header.writeUInt32LE(body.length);
      else header.writeUInt32BE(body.length);
      socket.write(Buffer.concat([header, body]));
    }
  });
  socket.on("error", () => socket.destroy());
});
server.listen(process.argv[2], () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => process.exit(0));
