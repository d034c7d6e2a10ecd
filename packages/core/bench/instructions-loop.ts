// The measured loop of bench/instructions.ts, run under callgrind: compile a world, warm up, say READY, wait for the
// driver to switch instrumentation on (it creates GO_FILE), then authorize BATCHES batches of 100 and exit.

import { createEngine } from '../src/index.ts';
import type { AuthzRequest } from '../src/model/decision.ts';
import { loopDone, loopReady } from './instructions-driver.ts';
import { generateRequests, generateWorld, type WorldSize } from './world.ts';

const size = (process.env.SIZE ?? 'medium') as WorldSize;
const count = Number(process.env.BATCHES ?? 500);
const hot = process.env.HOT === '1';

const world = generateWorld(size);
const requests = generateRequests(world, 20_000, 1);
const batches: AuthzRequest[][] = [];
for (let i = 0; i + 100 <= requests.length; i += 100) batches.push(requests.slice(i, i + 100));
const engine = await createEngine(world);
// two passes: every principal resolved, every index built, every function optimized
for (let pass = 0; pass < 2; pass++) for (const b of batches) engine.authorizeBatch(b);
loopReady();
let decisions = 0;
for (let i = 0; i < count; i++) decisions += engine.authorizeBatch(batches[hot ? 0 : i % batches.length]).length;
loopDone(decisions);
