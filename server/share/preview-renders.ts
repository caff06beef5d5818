import type { PreviewJob, PreviewOutcome } from "./preview-pool";

/**
 * Link-preview pictures are drawn in a child process (preview-pool.ts), but anyone holding a
 * link (or guessing one) can ask for them. So a drawn picture is kept per flow version (a
 * bounded cache), at most `maxConcurrent` are drawn at once and at most `maxWaiting` wait for
 * their turn; beyond that the caller is told to come back later. A picture that could not be
 * drawn (past the time or memory limit) is not tried again for `failureTtlMs`.
 */
export interface PreviewRendererOptions {
  maxConcurrent: number;
  maxWaiting: number;
  /** Pictures kept (each ~20–80 KB of PNG). */
  maxCached: number;
  /** How long a failed picture is remembered as failed. */
  failureTtlMs: number;
  now?: () => number;
}

export type PreviewResult =
  | { ok: true; png: Uint8Array<ArrayBuffer> }
  | { ok: false; busy: true }
  | { ok: false; busy: false; reason: PreviewFailure };

type PreviewFailure = Extract<PreviewOutcome, { ok: false }>["reason"];
type Kept = { ok: true; png: Uint8Array<ArrayBuffer> } | { ok: false; reason: PreviewFailure; until: number };

export function previewRenderer(options: PreviewRendererOptions) {
  const now = options.now ?? Date.now;
  const cache = new Map<string, Kept>();
  const inFlight = new Map<string, Promise<PreviewResult>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let rendered = 0;

  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const turn = async (): Promise<boolean> => {
    if (running < options.maxConcurrent) {
      running++;
      return true;
    }
    if (waiting.length >= options.maxWaiting) return false;
    await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    return true;
  };
  const keep = (key: string, value: Kept) => {
    cache.set(key, value);
    if (cache.size > options.maxCached) cache.delete(cache.keys().next().value!);
  };
  const fromCache = (key: string): PreviewResult | undefined => {
    const kept = cache.get(key);
    if (kept === undefined) return undefined;
    cache.delete(key);
    if (!kept.ok && kept.until <= now()) return undefined;
    cache.set(key, kept); // most recently used last
    return kept.ok ? kept : { ok: false, busy: false, reason: kept.reason };
  };

  return {
    /**
     * The picture for `key` (flow, version and name): from the cache, from a render of the same
     * key already under way, or rendered now when a slot is free; `busy` when too many wait.
     */
    async picture(key: string, render: () => Promise<PreviewOutcome>): Promise<PreviewResult> {
      const cached = fromCache(key);
      if (cached !== undefined) return cached;
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const work = (async (): Promise<PreviewResult> => {
        if (!(await turn())) return { ok: false, busy: true };
        try {
          const outcome = await render();
          rendered++;
          if (outcome.ok) {
            keep(key, outcome);
            return outcome;
          }
          keep(key, { ok: false, reason: outcome.reason, until: now() + options.failureTtlMs });
          return { ok: false, busy: false, reason: outcome.reason };
        } finally {
          release();
        }
      })();
      inFlight.set(key, work);
      try {
        return await work;
      } finally {
        inFlight.delete(key);
      }
    },
    /** Renders done so far (cache misses that were not turned away). */
    get rendered() {
      return rendered;
    },
  };
}

export type PreviewRenderer = ReturnType<typeof previewRenderer>;

/** The renderer and the pool that draws for it, as the server process installed them. */
export interface SharedPreviews {
  renderer: PreviewRenderer;
  draw(job: PreviewJob): Promise<PreviewOutcome>;
}

/** One per process, shared by both preview routes (which Next bundles apart from server/main.ts). */
const holder = globalThis as typeof globalThis & { __eventloomPreviews?: SharedPreviews };

/**
 * Installs the drawing pool (server/main.ts does, at start): only the custom server starts
 * child processes, so route bundles never import the pool, they find it here.
 */
export function installPreviews(
  draw: SharedPreviews["draw"],
  limits: { maxConcurrent: number; maxWaiting: number },
): SharedPreviews {
  holder.__eventloomPreviews = {
    draw,
    renderer: previewRenderer({ ...limits, maxCached: 200, failureTtlMs: 60_000 }),
  };
  return holder.__eventloomPreviews;
}

/** The installed previews, if this process is the server (else link previews are unavailable). */
export function sharedPreviews(): SharedPreviews | undefined {
  return holder.__eventloomPreviews;
}
