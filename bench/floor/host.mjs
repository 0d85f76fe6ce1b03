// The floor's native host: a relay with no logic. It pipes the browser's stdio to the bare
// daemon's socket byte for byte (both sides use the same 4-byte-length framing).
import { connect } from "node:net";

const socket = connect(process.env.FLOOR_SOCKET);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on("close", () => process.exit(0));
process.stdin.on("end", () => socket.end());
