// The local executor's evaluator reads the engine from the executor's slot: each load and apply is seen by the next
// call, and before the first load calls are refused (a failed load keeping the last good engine is engine-target.test.ts in core).

import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { loadAuthzPackage } from '@iam/proto';
import { DEFAULT_LIMITS } from '../config.ts';
import { METHOD_AUTHORIZE } from '../service/evaluator.ts';
import { ALICE, ORDER, TEST_WORLD } from '../test-world.ts';
import { LocalExecutor } from './local-executor.ts';

const { service } = loadAuthzPackage();
const ASK = service.Authorize.requestSerialize({ principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER });

function decide(executor: LocalExecutor) {
  const reply = executor.run(METHOD_AUTHORIZE, ASK);
  if (reply.kind !== 'ok') return reply;
  return service.Authorize.responseDeserialize(Buffer.from(reply.bytes));
}

describe('LocalExecutor', () => {
  it('answers with the world of the latest load or apply', async () => {
    const executor = new LocalExecutor(DEFAULT_LIMITS, null);
    expect(decide(executor)).toMatchObject({ kind: 'error', code: status.UNAVAILABLE });
    await executor.load(TEST_WORLD);
    expect(decide(executor)).toMatchObject({ decision: 'ALLOW', revision: 1 });
    await executor.apply({ revision: 2, changes: [{ op: 'delete', kind: 'user', key: ALICE }] });
    expect(decide(executor)).toMatchObject({ decision: 'IMPLICIT_DENY', revision: 2 });
    await executor.load({ ...TEST_WORLD, revision: 7 });
    expect(decide(executor)).toMatchObject({ decision: 'ALLOW', revision: 7 });
  });
});
