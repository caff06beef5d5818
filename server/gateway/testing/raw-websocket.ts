import { randomBytes } from "node:crypto";
import { connect as tcpConnect, type Socket as TcpSocket } from "node:net";

/** A masked WebSocket text frame, as a client sends it. */
export function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

/**
 * A Socket.IO client over a bare TCP socket that never reads: the WebSocket upgrade and the
 * namespace connect are written blind, and the socket is paused for good.
 */
export async function rawWebSocket(base: string, localAddress?: string): Promise<TcpSocket> {
  const { hostname, port } = new URL(base);
  const socket = tcpConnect({ port: Number(port), host: hostname, localAddress });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.pause();
  socket.write(
    [
      "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
      `Host: ${hostname}:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      "",
      "",
    ].join("\r\n"),
  );
  await new Promise((r) => setTimeout(r, 100));
  socket.write(frame("40"));
  return socket;
}
