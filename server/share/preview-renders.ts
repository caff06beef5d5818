/**
 * Link-preview pictures cost a synchronous layout and rasterisation on the server's thread,
 * and anyone holding a link (or guessing one) can ask for them. So a rendered picture is kept
 * per flow version (a bounded cache), at most `maxConcurrent` renders run at once, and at most
 * `maxWaiting` wait for their turn; beyond that the caller is told to come back later.
 */
export interface PreviewRendererOptions {
  maxConcurrent: number;
  maxWaiting: number;
  /** Pictures kept (each ~20–80 KB of PNG). */
  maxCached: number;
}

export type PreviewResult = { ok: true; png: ArrayBuffer } | { ok: false; busy: true };

export function previewRenderer(options: PreviewRendererOptions) {
  const cache = new Map<string, ArrayBuffer>();
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

  return {
    /**
     * The picture for `key` (flow, version and name): from the cache, from a render of the same
     * key already under way, or rendered now when a slot is free; `busy` when too many wait.
     */
    async picture(key: string, render: () => Promise<ArrayBuffer>): Promise<PreviewResult> {
      const cached = cache.get(key);
      if (cached !== undefined) {
        cache.delete(key);
        cache.set(key, cached); // most recently used last
        return { ok: true, png: cached };
      }
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const work = (async (): Promise<PreviewResult> => {
        if (!(await turn())) return { ok: false, busy: true };
        try {
          const png = await render();
          rendered++;
          cache.set(key, png);
          if (cache.size > options.maxCached) cache.delete(cache.keys().next().value!);
          return { ok: true, png };
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

/** One renderer per process, shared by both preview routes (which Next bundles apart). */
const holder = globalThis as typeof globalThis & { __eventloomPreviews?: PreviewRenderer };

export function sharedPreviewRenderer(): PreviewRenderer {
  return (holder.__eventloomPreviews ??= previewRenderer({
    maxConcurrent: 1,
    maxWaiting: 8,
    maxCached: 200,
  }));
}
