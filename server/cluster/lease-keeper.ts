import type { LeaseStore } from "./lease-store";

/** The clock and timers a keeper runs on: injected so tests drive time by hand. */
export interface LeaseClock {
  /** Monotonic milliseconds (performance.now in production). */
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** A lease this server holds. */
export interface HeldLease {
  readonly name: string;
  readonly token: number;
  /** Where the store keeps it, for writes that the store checks against it (see LeaseStore.stored). */
  readonly stored?: { key: string; value: string };
  /**
   * True while the lease is certainly still ours: less than the TTL has passed since the last
   * renewal that succeeded was *sent*. Checked before every action only the owner may take, so
   * a holder that was paused past its TTL stops at once when it wakes, before it hears from the
   * store that someone else took over.
   */
  valid(): boolean;
  /** Called once when the lease is lost (renewal refused or the TTL ran out unrenewed). */
  onLost(listener: () => void): void;
  /** Stops renewing and frees the lease for another server. */
  release(): Promise<void>;
}

/**
 * Takes and keeps leases for one server (`holder`): each held lease is renewed every third of
 * its TTL until released or lost. A store that cannot be reached is retried at the same pace;
 * the lease is lost when its TTL runs out before a renewal gets through.
 */
export function leaseKeeper(store: LeaseStore, holder: string, ttlMs: number, clock: LeaseClock) {
  const renewEvery = Math.max(1, Math.floor(ttlMs / 3));

  function hold(name: string, token: number, sentAt: number): HeldLease {
    let validUntil = sentAt + ttlMs;
    let state: "held" | "lost" | "released" = "held";
    const listeners: (() => void)[] = [];
    let cancel = () => {};

    const lose = () => {
      if (state !== "held") return;
      state = "lost";
      cancel();
      for (const listener of listeners) listener();
    };
    const schedule = () => {
      cancel = clock.after(Math.min(renewEvery, Math.max(0, validUntil - clock.now())), () => void renew());
    };
    const renew = async () => {
      if (state !== "held") return;
      if (clock.now() >= validUntil) return lose();
      const sent = clock.now();
      let renewed: boolean | "unreachable";
      try {
        renewed = await store.renew(name, holder, token, ttlMs);
      } catch {
        renewed = "unreachable";
      }
      if (state !== "held") return;
      if (renewed === false) return lose();
      if (renewed === true) validUntil = sent + ttlMs;
      if (clock.now() >= validUntil) return lose();
      schedule();
    };
    schedule();

    return {
      name,
      token,
      stored: store.stored?.(name, holder, token),
      valid: () => state === "held" && clock.now() < validUntil,
      onLost: (listener) => void listeners.push(listener),
      async release() {
        if (state !== "held") return;
        state = "released";
        cancel();
        await store.release(name, holder, token);
      },
    };
  }

  return {
    holder,
    /** Takes the lease `name` if it is free; null when another server holds it. */
    async acquire(name: string): Promise<HeldLease | null> {
      const sentAt = clock.now();
      const token = await store.tryAcquire(name, holder, ttlMs);
      return token === null ? null : hold(name, token, sentAt);
    },
  };
}
export type LeaseKeeper = ReturnType<typeof leaseKeeper>;
