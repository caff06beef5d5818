import { createAdapter } from "@socket.io/redis-streams-adapter";

/**
 * Entries the realtime stream keeps: the window a reconnecting browser can be sent what it
 * missed from. A delivery batch is at most a few tens of KB, so this bounds Redis's memory for it.
 */
export const REALTIME_STREAM_MAX_LEN = 2000;

/**
 * The Socket.IO adapter of a cluster: broadcasts, server-to-server messages and connection
 * state recovery through a Redis stream (and pub/sub for ephemeral messages), all under the
 * cluster's key prefix so clusters sharing one Redis never hear each other.
 */
export function realtimeAdapter(redis: Parameters<typeof createAdapter>[0], prefix: string) {
  return createAdapter(redis, {
    streamName: `${prefix}socket.io`,
    channelPrefix: `${prefix}socket.io`,
    sessionKeyPrefix: `${prefix}sio:session:`,
    maxLen: REALTIME_STREAM_MAX_LEN,
  });
}
