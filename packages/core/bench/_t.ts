import fc from 'fast-check';
import { createEngine, WorldError } from '../src/index.ts';
import { worldPartsArb, requestsArb } from '../test/arbitraries.ts';
import { buildWorld } from '../test/world-parts.ts';
import { garbageChangeArb } from '../test/garbage.ts';
const out = await fc.check(fc.asyncProperty(fc.record({ parts: worldPartsArb, requests: requestsArb }), fc.array(garbageChangeArb, { minLength: 1, maxLength: 3 }), async ({ parts, requests }, changes) => {
  const engine = await createEngine(buildWorld(parts));
  const baseline = requests.map((r) => engine.authorize(r).decision);
  try { engine.apply(changes as any, 2); } catch (err) { if (!(err instanceof WorldError)) throw err; if (JSON.stringify(requests.map((r) => engine.authorize(r).decision)) !== JSON.stringify(baseline)) throw new Error('changed after reject'); return; }
  for (const r of requests) engine.authorize(r);
}), { numRuns: 600 });
if (out.failed) {
  console.log('seed', out.seed, 'error', String((out.errorInstance as any)?.message ?? out.errorInstance).slice(0, 300));
  console.log(String((out.errorInstance as any)?.stack).split('\n').slice(0, 8).join('\n'));
  const [, changes] = out.counterexample as any;
  console.log('changes', fc.stringify(changes).slice(0, 3000));
} else console.log('no failure');
