// The performance targets and their check against measured results, printed after the table.

import { fmtInt, fmtMb, fmtMs, fmtUs } from './measure.ts';
import type { SizeResult } from './run.ts';
import type { WorldSize } from './world.ts';

/** One target: a size, what is measured, the limit, and whether higher is better. */
interface Target {
  size: WorldSize;
  label: string;
  limit: number;
  higherIsBetter: boolean;
  value: (r: SizeResult) => number;
  format: (n: number) => string;
}

/** The targets the engine is built to meet. */
export const TARGETS: readonly Target[] = [
  { size: 'medium', label: 'decisions/s in batches of 100', limit: 1_000_000, higherIsBetter: true, value: (r) => r.batchPerSec, format: fmtInt },
  { size: 'medium', label: 'single decision p99', limit: 20_000, higherIsBetter: false, value: (r) => r.p99Ns, format: fmtUs },
  { size: 'medium', label: 'compile', limit: 2_000, higherIsBetter: false, value: (r) => r.compileMs, format: fmtMs },
  { size: 'medium', label: 'apply 1 managed policy, p50', limit: 10, higherIsBetter: false, value: (r) => r.changes['managed policy'].p50Ms, format: fmtMs },
  { size: 'medium', label: 'apply 1 managed policy, max', limit: 10, higherIsBetter: false, value: (r) => r.changes['managed policy'].maxMs, format: fmtMs },
  { size: 'large', label: 'compile', limit: 20_000, higherIsBetter: false, value: (r) => r.compileMs, format: fmtMs },
  { size: 'large', label: 'image bytes', limit: 300e6, higherIsBetter: false, value: (r) => r.imageBytes, format: fmtMb },
  { size: 'large', label: 'RSS added by compile', limit: 300e6, higherIsBetter: false, value: (r) => r.rssAddedByCompile, format: fmtMb },
];

/** Prints one line per target: ok, MISS, or not measured (size not run), plus a warning on disagreements. */
export function printTargets(results: readonly SizeResult[]): void {
  console.log('targets');
  for (const t of TARGETS) {
    const r = results.find((x) => x.size === t.size);
    const bound = `${t.higherIsBetter ? '>=' : '<='} ${t.format(t.limit)}`;
    if (!r) {
      console.log(`  [ -- ] ${t.size}: ${t.label} ${bound} (not measured)`);
      continue;
    }
    const v = t.value(r);
    const met = t.higherIsBetter ? v >= t.limit : v <= t.limit;
    console.log(`  [${met ? ' ok ' : 'MISS'}] ${t.size}: ${t.label} ${bound}: ${t.format(v)}`);
  }
  for (const r of results) {
    if (r.disagreements > 0) console.log(`  [MISS] ${r.size}: ${r.disagreements} requests decided differently by authorize and authorizeBatch`);
  }
}
