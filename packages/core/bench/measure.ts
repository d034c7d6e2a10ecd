// Timing, memory and formatting helpers for the benchmark command.

/** Monotonic nanoseconds. */
export const nowNs = (): bigint => process.hrtime.bigint();

/** Milliseconds elapsed since `start` (from `nowNs`). */
export const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;

/** The `q` quantile (0..1) of ascending-sorted samples (nearest rank). */
export function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Sorted copy of samples, ascending. */
export function sorted(samples: number[]): Float64Array {
  return Float64Array.from(samples).sort();
}

/** Runs `step` (which does `perStep` operations) until `budgetMs` has passed; returns operations per second. */
export function throughput(step: () => void, perStep: number, budgetMs: number): number {
  let ops = 0;
  const start = nowNs();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    // Check the clock every few steps only: reading it costs as much as a fast decision.
    for (let i = 0; i < 16; i++) step();
    ops += 16 * perStep;
    elapsed = msSince(start);
  }
  return (ops * 1000) / elapsed;
}

/** Resident set size in bytes, after a full collection when the process runs with --expose-gc. */
export function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().rss;
}

/** Whether a full collection is available (node --expose-gc). */
export const canCollect = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** `1,234,567`. */
export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');

/** Milliseconds with sensible precision, or seconds from 1 s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`;
}

/** Microseconds from nanoseconds (milliseconds from 10 ms). */
export function fmtUs(ns: number): string {
  if (!Number.isFinite(ns)) return '-';
  if (ns >= 10_000_000) return fmtMs(ns / 1e6);
  return `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 1)} us`;
}

/** Megabytes (10^6 bytes). */
export const fmtMb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : '-');

/** Left-aligned first column, right-aligned others, padded to the widest cell. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd())
    .join('\n');
}
