import { cutOff } from "./back-pressure";
import type { GatewaySocket } from "./flow-channels";

export interface SocketLimits {
  /** Requests per second one socket may make, sustained (a token bucket). */
  messagesPerSec: number;
  /** Requests one socket may make at once beyond the sustained rate. */
  burst: number;
  /** Requests of one socket being handled at once (awaiting the database, say). */
  maxInFlight: number;
  /** Refusals within `strikeWindowMs` after which the socket is dropped, told why. */
  maxStrikes: number;
  strikeWindowMs: number;
  /**
   * How long a socket may stay over its bound of unread data (`isSlow`), once one of its
   * requests found it so, before it is dropped, told why: a slow one-request-a-second client
   * never collects `maxStrikes`, and would otherwise hold its buffers until the heartbeat.
   */
  maxSlowMs: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  messagesPerSec: 20,
  burst: 40,
  maxInFlight: 4,
  maxStrikes: 50,
  strikeWindowMs: 10_000,
  maxSlowMs: 10_000,
};

/** Why a client was let go; sent as `closing` just before the server disconnects it. */
export type ClosingReason = "rate-limit" | "not-reading";

/**
 * Bounds what one socket may cost: requests per second (token bucket), requests in flight,
 * and nothing new while it has not read what it was sent (`isSlow`: bytes or packets queued).
 * A refused request is answered with the reason when the client is reading, and silently
 * dropped when it is not (an answer would only pile up more). A client refused `maxStrikes`
 * times within the window is disconnected, after a `closing` message saying why; so is one
 * that stays over its bound of unread data for `maxSlowMs`, however few requests it sends
 * (checked every tenth of that while it is over, from the first request that found it so).
 */
export function socketGuard(
  socket: GatewaySocket,
  limits: SocketLimits,
  isSlow: (socket: GatewaySocket) => boolean,
  now: () => number = () => performance.now(),
) {
  let tokens = limits.burst;
  let refilledAt = now();
  let inFlight = 0;
  let strikes = 0;
  let windowStart = now();
  let closed = false;
  let slowSince = 0;
  let slowWatch: ReturnType<typeof setInterval> | null = null;

  const stopWatchingSlowness = () => {
    if (slowWatch !== null) clearInterval(slowWatch);
    slowWatch = null;
  };
  const drop = (reason: ClosingReason, message: string) => {
    if (closed) return;
    closed = true;
    stopWatchingSlowness();
    socket.data.closing = reason;
    socket.emit("closing", { reason, message });
    socket.disconnect(true);
    if (reason === "not-reading") cutOff(socket);
  };
  const strike = (reason: ClosingReason) => {
    const t = now();
    if (t - windowStart >= limits.strikeWindowMs) {
      windowStart = t;
      strikes = 0;
    }
    if (++strikes < limits.maxStrikes) return;
    drop(
      reason,
      reason === "not-reading"
        ? "Disconnected: this client kept sending requests without reading the answers"
        : `Disconnected: this client kept sending more than ${limits.messagesPerSec} requests per second`,
    );
  };
  /** From a request that found the socket slow: drop it if it is still slow `maxSlowMs` later. */
  const watchSlowness = () => {
    if (slowWatch !== null || closed) return;
    slowSince = now();
    slowWatch = setInterval(
      () => {
        if (!isSlow(socket)) return stopWatchingSlowness();
        if (now() - slowSince < limits.maxSlowMs) return;
        drop(
          "not-reading",
          `Disconnected: this client left what it was sent unread for ${limits.maxSlowMs / 1000} s`,
        );
      },
      Math.max(10, limits.maxSlowMs / 10),
    );
    slowWatch.unref?.();
  };
  socket.once("disconnect", stopWatchingSlowness);

  return {
    /**
     * Whether a request may be handled now; when not, why (for the answer), or null when the
     * client is not reading and gets no answer at all.
     */
    admit(): { ok: true } | { ok: false; answer: string | null } {
      if (closed) return { ok: false, answer: null };
      if (isSlow(socket)) {
        watchSlowness();
        strike("not-reading");
        return { ok: false, answer: null };
      }
      const t = now();
      tokens = Math.min(limits.burst, tokens + ((t - refilledAt) / 1000) * limits.messagesPerSec);
      refilledAt = t;
      if (tokens < 1) {
        strike("rate-limit");
        return {
          ok: false,
          answer: `Too many requests: at most ${limits.messagesPerSec} per second on one connection; wait a moment`,
        };
      }
      if (inFlight >= limits.maxInFlight) {
        strike("rate-limit");
        return {
          ok: false,
          answer: `Too many requests at once: at most ${limits.maxInFlight} on one connection; wait for the answers`,
        };
      }
      tokens -= 1;
      inFlight++;
      return { ok: true };
    },
    /** A request admitted by `admit` has been answered. */
    done(): void {
      inFlight--;
    },
  };
}
