import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GatewaySocket } from "./flow-channels";
import { socketGuard, type SocketLimits } from "./socket-guard";

// A socket that never reads but asks rarely: far below the strike limit, so only the rule on
// sustained slowness can let it go. The clock and the timers are vitest's fake ones.
const limits: SocketLimits = {
  messagesPerSec: 5,
  burst: 5,
  maxInFlight: 4,
  maxStrikes: 1000,
  strikeWindowMs: 10_000,
  maxSlowMs: 5000,
};

function fakeSocket() {
  const emitted: unknown[][] = [];
  const state = { disconnected: false, onDisconnect: [] as (() => void)[] };
  const socket = {
    data: {},
    conn: {},
    emit: (...args: unknown[]) => emitted.push(args),
    disconnect: () => {
      state.disconnected = true;
      state.onDisconnect.forEach((f) => f());
    },
    once: (event: string, f: () => void) => event === "disconnect" && state.onDisconnect.push(f),
  };
  return { socket: socket as unknown as GatewaySocket, emitted, state };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a socket that stays over its bound of unread data", () => {
  it("is dropped maxSlowMs after a request found it slow, told why, though it asks once a second", () => {
    const { socket, emitted, state } = fakeSocket();
    const guard = socketGuard(
      socket,
      limits,
      () => true,
      () => Date.now(),
    );
    for (let s = 0; s < 5; s++) {
      expect(guard.admit()).toEqual({ ok: false, answer: null });
      vi.advanceTimersByTime(999);
      expect(state.disconnected).toBe(false);
      vi.advanceTimersByTime(1);
    }
    // Checked every 500 ms: dropped at 5,000 ms after the first refused request.
    expect(state.disconnected).toBe(true);
    expect(socket.data.closing).toBe("not-reading");
    expect(emitted).toEqual([
      [
        "closing",
        {
          reason: "not-reading",
          message: "Disconnected: this client left what it was sent unread for 5 s",
        },
      ],
    ]);
    expect(guard.admit()).toEqual({ ok: false, answer: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("is kept when it catches up in between, and the count starts again when it falls behind", () => {
    const { socket, emitted, state } = fakeSocket();
    let slow = true;
    const guard = socketGuard(
      socket,
      limits,
      () => slow,
      () => Date.now(),
    );
    guard.admit();
    vi.advanceTimersByTime(3000);
    slow = false; // it read what it was sent
    vi.advanceTimersByTime(500);
    expect(vi.getTimerCount()).toBe(0);
    slow = true;
    vi.advanceTimersByTime(1000);
    guard.admit();
    vi.advanceTimersByTime(4500);
    expect(state.disconnected).toBe(false);
    vi.advanceTimersByTime(500);
    expect(state.disconnected).toBe(true);
    expect(emitted).toHaveLength(1);
  });

  it("watches nothing while the socket reads, and stops watching when it disconnects", () => {
    const { socket, state } = fakeSocket();
    let slow = false;
    const guard = socketGuard(
      socket,
      limits,
      () => slow,
      () => Date.now(),
    );
    expect(guard.admit()).toEqual({ ok: true });
    guard.done();
    expect(vi.getTimerCount()).toBe(0);
    slow = true;
    guard.admit();
    expect(vi.getTimerCount()).toBe(1);
    socket.disconnect();
    expect(vi.getTimerCount()).toBe(0);
    expect(state.disconnected).toBe(true);
  });
});
