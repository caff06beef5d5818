import type { EventEnvelope } from "@/lib/events/envelope";

/** Event envelopes fetched on demand, kept for the detail view and the payload text search. */
export class EnvelopeCache {
  private readonly byId = new Map<string, { envelope: EventEnvelope; text: string }>();
  /** Changes whenever an envelope is added, so a search can re-run. */
  version = 0;
  private readonly listeners = new Set<() => void>();

  /** For useSyncExternalStore: called after every add. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  constructor(readonly capacity = 2_000) {}

  get(eventId: string): EventEnvelope | undefined {
    return this.byId.get(eventId)?.envelope;
  }

  /** The envelope's JSON text in lower case, for the free-text filter; undefined when not fetched. */
  searchText(eventId: string): string | undefined {
    return this.byId.get(eventId)?.text;
  }

  add(envelope: EventEnvelope): void {
    this.byId.delete(envelope.id);
    this.byId.set(envelope.id, { envelope, text: JSON.stringify(envelope).toLowerCase() });
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
    this.version++;
    for (const listener of this.listeners) listener();
  }

  get size(): number {
    return this.byId.size;
  }
}
