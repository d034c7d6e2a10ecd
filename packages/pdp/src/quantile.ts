// Nearest-rank quantiles of sorted samples: the one latency summary of this package's benchmarks and tests.

/** The nearest-rank `q` quantile (0..1) of ascending `sorted` samples (p50 of 10 is the 5th); NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
}
