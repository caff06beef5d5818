import type { Socket } from "socket.io";

/** Packets waiting in engine.io's buffer, or bytes in the WebSocket's, beyond which a client is slow. */
const MAX_QUEUED_PACKETS = 16;
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Whether a client has not taken what it was already sent. Its batches are then skipped (and
 * counted as missed) instead of piling up in memory or slowing the others.
 */
export function isSlow(socket: Socket): boolean {
  const conn = socket.conn as unknown as {
    writeBuffer?: unknown[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  const queued = conn.writeBuffer?.length ?? 0;
  const buffered = conn.transport?.socket?.bufferedAmount ?? 0;
  return queued > MAX_QUEUED_PACKETS || buffered > MAX_BUFFERED_BYTES;
}

/**
 * Closes a client's connection at once, without the WebSocket closing handshake: a client
 * that does not read would never take the close frame either, and its connection (with what
 * the socket buffers hold) would linger until the handshake times out.
 */
export function cutOff(socket: Socket): void {
  const conn = socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } };
  conn.transport?.socket?.terminate?.();
}
