/** A resident-memory sample of the soak: seconds since the start, MB. */
export interface RssSample {
  atS: number;
  mb: number;
}

/** Least-squares slope of `samples` in MB per minute (0 with fewer than two). */
export function slopeMbPerMin(samples: RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanT = samples.reduce((s, p) => s + p.atS, 0) / n;
  const meanM = samples.reduce((s, p) => s + p.mb, 0) / n;
  let num = 0,
    den = 0;
  for (const p of samples) {
    num += (p.atS - meanT) * (p.mb - meanM);
    den += (p.atS - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

/**
 * Whether memory levelled off: the trend of the last third of the run (least squares, so one
 * garbage collection's dip or rise does not decide it) stays under `boundMbPerMin`. A run that
 * still grows 0.3 MB/s (18 MB a minute) fails it however large it already is; a slope in the
 * first third is only printed beside it (start-up and filling retention make memory grow there).
 */
export function plateau(samples: RssSample[], seconds: number, boundMbPerMin: number) {
  const third = (k: number) =>
    samples.filter((s) => s.atS >= (k * seconds) / 3 && s.atS <= ((k + 1) * seconds) / 3);
  const first = slopeMbPerMin(third(0));
  const last = slopeMbPerMin(third(2));
  return {
    firstThirdMbPerMin: Math.round(first * 100) / 100,
    lastThirdMbPerMin: Math.round(last * 100) / 100,
    boundMbPerMin,
    levelledOff: last <= boundMbPerMin,
  };
}
