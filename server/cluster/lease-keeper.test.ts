import { describe, expect, it } from "vitest";
import { leaseKeeper, type LeaseClock } from "./lease-keeper";
import type { LeaseHolder, LeaseStore } from "./lease-store";

/** Time that moves only when told: `advance` runs the timers that come due, `jump` runs none (a paused process). */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: LeaseClock = {
    now: () => now,
    after(ms, fn) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    clock,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at);
        due.fn();
        await settle();
      }
      now = end;
      await settle();
    },
    jump(ms: number) {
      now += ms;
    },
  };
}

/** A store that expires leases on the same manual clock, like Redis does with PX. */
function memoryStore(clock: LeaseClock) {
  const leases = new Map<string, LeaseHolder & { expires: number }>();
  let nextToken = 0;
  let unreachable = false;
  const live = (name: string) => {
    const lease = leases.get(name);
    return lease && lease.expires > clock.now() ? lease : undefined;
  };
  const reach = () => {
    if (unreachable) throw new Error("store unreachable");
  };
  const store: LeaseStore = {
    async tryAcquire(name, holder, ttlMs) {
      reach();
      if (live(name)) return null;
      const token = ++nextToken;
      leases.set(name, { holder, token, expires: clock.now() + ttlMs });
      return token;
    },
    async renew(name, holder, token, ttlMs) {
      reach();
      const lease = live(name);
      if (!lease || lease.holder !== holder || lease.token !== token) return false;
      lease.expires = clock.now() + ttlMs;
      return true;
    },
    async release(name, holder, token) {
      reach();
      const lease = live(name);
      if (lease?.holder === holder && lease.token === token) leases.delete(name);
    },
    async current(name) {
      const lease = live(name);
      return lease ? { holder: lease.holder, token: lease.token } : null;
    },
  };
  return { store, setUnreachable: (value: boolean) => void (unreachable = value) };
}

describe("leaseKeeper", () => {
  const TTL = 3000;

  it("keeps a lease by renewing it, so no other server can take it", async () => {
    const time = manualClock();
    const { store } = memoryStore(time.clock);
    const a = leaseKeeper(store, "server-a", TTL, time.clock);
    const b = leaseKeeper(store, "server-b", TTL, time.clock);
    const lease = await a.acquire("flow-1");
    expect(lease?.token).toBe(1);
    for (let i = 0; i < 10; i++) {
      await time.advance(TTL);
      expect(lease?.valid()).toBe(true);
      expect(await b.acquire("flow-1")).toBeNull();
    }
    expect(await store.current("flow-1")).toEqual({ holder: "server-a", token: 1 });
  });

  it("fences a holder paused past its TTL: invalid on waking, lost once, successor has a larger token", async () => {
    const time = manualClock();
    const { store } = memoryStore(time.clock);
    const a = leaseKeeper(store, "server-a", TTL, time.clock);
    const b = leaseKeeper(store, "server-b", TTL, time.clock);
    const lease = (await a.acquire("flow-1"))!;
    let lost = 0;
    lease.onLost(() => lost++);
    time.jump(TTL + 1); // server-a is stopped: none of its timers run
    const successor = (await b.acquire("flow-1"))!;
    expect(successor.token).toBe(2);
    expect(lease.valid()).toBe(false);
    await time.advance(TTL);
    expect(lost).toBe(1);
    expect(await store.current("flow-1")).toEqual({ holder: "server-b", token: 2 });
  });

  it("rides out a store that is briefly unreachable, and loses the lease when it stays away past the TTL", async () => {
    const time = manualClock();
    const reachable = memoryStore(time.clock);
    const lease = (await leaseKeeper(reachable.store, "server-a", TTL, time.clock).acquire("flow-1"))!;
    reachable.setUnreachable(true);
    await time.advance(TTL / 3 + 1);
    expect(lease.valid()).toBe(true);
    reachable.setUnreachable(false);
    await time.advance(TTL);
    expect(lease.valid()).toBe(true);

    let lost = 0;
    lease.onLost(() => lost++);
    reachable.setUnreachable(true);
    await time.advance(TTL * 2);
    expect(lease.valid()).toBe(false);
    expect(lost).toBe(1);
  });

  it("is lost when a renewal is refused, and release frees it for another server", async () => {
    const time = manualClock();
    const { store } = memoryStore(time.clock);
    const a = leaseKeeper(store, "server-a", TTL, time.clock);
    const b = leaseKeeper(store, "server-b", TTL, time.clock);
    const first = (await a.acquire("flow-1"))!;
    await store.release("flow-1", "server-a", first.token); // taken away behind its back
    let lost = 0;
    first.onLost(() => lost++);
    await time.advance(TTL);
    expect([lost, first.valid()]).toEqual([1, false]);

    const second = (await a.acquire("flow-1"))!;
    await second.release();
    expect(second.valid()).toBe(false);
    expect((await b.acquire("flow-1"))?.token).toBe(3);
  });
});
