import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** The client library, fetched on first use: `failures` fetches fail before one succeeds. */
const library = {
  failures: 0,
  fetches: 0,
  sockets: [] as { connect: () => void; disconnect: () => void; disconnected: boolean; active: boolean }[],
};

beforeEach(() => {
  vi.resetModules();
  library.failures = 0;
  library.fetches = 0;
  library.sockets.length = 0;
  vi.doMock("socket.io-client", () => {
    library.fetches++;
    if (library.failures > 0) {
      library.failures--;
      throw new Error("offline");
    }
    return {
      io: () => {
        const socket = { connect: vi.fn(), disconnect: vi.fn(), disconnected: false, active: true };
        library.sockets.push(socket);
        return socket;
      },
    };
  });
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("withSharedSocket", () => {
  it("gives the page's one socket to each user once the library is here, and closes it after the last leaves", async () => {
    const { withSharedSocket } = await import("./socket-connection");
    const undone: string[] = [];
    const leaveA = withSharedSocket(() => () => undone.push("a"));
    const leaveB = withSharedSocket(() => () => undone.push("b"));
    await vi.advanceTimersByTimeAsync(0);
    expect(library.sockets).toHaveLength(1);
    leaveA();
    leaveB();
    expect(undone).toEqual(["a", "b"]);
    expect(library.sockets[0]!.disconnect).not.toHaveBeenCalled();
    // A released socket lingers a second (React's StrictMode remount reuses it), then closes.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(library.sockets[0]!.disconnect).toHaveBeenCalledTimes(1);
  });

  it("never runs its user when left before the socket is here, and gives the socket back", async () => {
    const { withSharedSocket } = await import("./socket-connection");
    const use = vi.fn(() => () => undefined);
    withSharedSocket(use)();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(use).not.toHaveBeenCalled();
    expect(library.sockets[0]!.disconnect).toHaveBeenCalledTimes(1);
  });

  it("tries again every 2 s while the library cannot be fetched", async () => {
    library.failures = 2;
    const { withSharedSocket } = await import("./socket-connection");
    const use = vi.fn(() => () => undefined);
    withSharedSocket(use);
    await vi.advanceTimersByTimeAsync(0);
    expect(library.fetches).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(library.fetches).toBe(2);
    expect(use).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(library.fetches).toBe(3);
    expect(use).toHaveBeenCalledTimes(1);
  });
});
