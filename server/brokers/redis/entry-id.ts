/** A Redis stream entry id: milliseconds and sequence number, each an unsigned 64-bit number. */
export interface EntryId {
  ms: bigint;
  seq: bigint;
}

const MAX = 2n ** 64n - 1n;

/** Reads `<ms>-<seq>` as Redis writes it; undefined when malformed or out of range. */
export function parseEntryId(text: string): EntryId | undefined {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(text);
  if (!match) return undefined;
  const ms = BigInt(match[1]);
  const seq = BigInt(match[2]);
  return ms <= MAX && seq <= MAX ? { ms, seq } : undefined;
}

/** Negative, zero or positive as `a` comes before, at or after `b` in a stream. */
export function compareEntryIds(a: EntryId, b: EntryId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1;
}

/**
 * The id just before `id`, as a group's last-delivered id: the group's next read (`>`) starts
 * with the entry at `id` when there is one, else the first after it.
 */
export function entryIdBefore({ ms, seq }: EntryId): string {
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  if (ms > 0n) return `${ms - 1n}-${MAX}`;
  return "0-0";
}
