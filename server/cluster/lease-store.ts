/** Who holds a lease, and the fencing token it was granted with. */
export interface LeaseHolder {
  holder: string;
  token: number;
}

/**
 * Where leases live: a shared store that expires a lease by itself when its holder stops
 * renewing it. Tokens only grow, so a stale holder can always be told from the current one.
 */
export interface LeaseStore {
  /** Grants the lease to `holder` when nobody holds it; returns its fencing token, or null. */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<number | null>;
  /** Extends the lease if `holder` still holds it with `token`; false when it was lost. */
  renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` still holds it with `token`. */
  release(name: string, holder: string, token: number): Promise<void>;
  /** The current holder, or null when the lease is free. */
  current(name: string): Promise<LeaseHolder | null>;
  /**
   * Where the store keeps a lease, for a broker on the same Redis to check as it writes: `key`
   * holds `value` exactly while `holder` holds the lease with `token` (absent on other stores).
   */
  stored?(name: string, holder: string, token: number): { key: string; value: string };
}
