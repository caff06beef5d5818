/**
 * Asks /api/health again and again while an attack runs and records every time it did not
 * answer 200 within the deadline: the server must stay responsive to everyone else whatever
 * one client does.
 */
export interface HealthReport {
  checks: number;
  /** One line per check that failed: no answer within the deadline, or not 200. */
  failures: string[];
}

export function watchHealth(base: string, { deadlineMs = 1000, gapMs = 100 } = {}) {
  let running = true;
  const report: HealthReport = { checks: 0, failures: [] };
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(deadlineMs) });
        await response.arrayBuffer();
        if (response.status !== 200) report.failures.push(`answered ${response.status}`);
      } catch (error) {
        report.failures.push(`no answer within ${deadlineMs} ms (${(error as Error).name}) at +${started}`);
      }
      report.checks++;
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    /** Stops watching after the check in progress; returns what was seen. */
    async stop(): Promise<HealthReport> {
      running = false;
      await loop;
      return report;
    },
  };
}

/** Runs `attack` while watching health; returns both. */
export async function underAttack<T>(
  base: string,
  attack: () => Promise<T>,
): Promise<{ result: T; health: HealthReport }> {
  const watch = watchHealth(base);
  try {
    const result = await attack();
    return { result, health: await watch.stop() };
  } catch (error) {
    await watch.stop();
    throw error;
  }
}
