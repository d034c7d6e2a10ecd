// The measured loop of bench/instructions.ts, run under callgrind: what one evaluation thread of the PDP does for a
// BatchAuthorize(100) call (decode the protobuf request, evaluate, encode the response), without gRPC. It warms up,
// says READY, waits for GO_FILE (instrumentation is on from then), runs BATCHES calls and exits.

import { loadAuthzPackage } from '@iam/proto';
import { loopDone, loopReady } from '../../core/bench/instructions-driver.ts';
import { generateRequests, generateWorld, type WorldSize } from '../../core/bench/world.ts';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { LocalExecutor } from '../src/exec/local-executor.ts';
import { METHOD_BATCH } from '../src/service/evaluator.ts';
import { toWireRequest } from '../src/wire.ts';

const size = (process.env.SIZE ?? 'medium') as WorldSize;
const count = Number(process.env.BATCHES ?? 300);
const hot = process.env.HOT === '1';

const { service } = loadAuthzPackage();
const world = generateWorld(size);
const requests = generateRequests(world, 20_000, 1).map((r) => toWireRequest(r));
const calls: Uint8Array[] = [];
for (let i = 0; i + 100 <= requests.length; i += 100) calls.push(service.BatchAuthorize.requestSerialize({ requests: requests.slice(i, i + 100) }));
const executor = new LocalExecutor(DEFAULT_LIMITS, null);
await executor.load(world);
// three passes: every principal resolved, every function optimized
for (let pass = 0; pass < 3; pass++) {
  for (const call of calls) {
    const reply = executor.run(METHOD_BATCH, call);
    if (reply.kind !== 'ok') throw new Error(`the warm-up call failed: ${JSON.stringify(reply).slice(0, 300)}`);
  }
}
loopReady();
for (let i = 0; i < count; i++) executor.run(METHOD_BATCH, calls[hot ? 0 : i % calls.length]);
loopDone(count * 100);
