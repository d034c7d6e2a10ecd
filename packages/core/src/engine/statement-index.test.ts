// Statement indexes (src/compile/statement-index.ts): built on a principal's first request, they must follow every
// change to the policies and groups they list, answer exactly as the policy walk does, and never outlive their blocks.

import { describe, expect, it } from 'vitest';
import { createEngine, type AuthzEngine, type AuthzRequest, type PolicyDocument, type WorldSnapshot } from '../index.ts';
import type { StatementIndexes } from '../compile/statement-index.ts';

const ACCT = '111122223333';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const BOB = `arn:aws:iam::${ACCT}:user/bob`;
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const OPS = `arn:aws:iam::${ACCT}:group/ops`;
const READ = `arn:aws:iam::${ACCT}:policy/Read`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCT}:jobs`;
const ORDER = `arn:aws:orders:eu-west-1:${ACCT}:order/42`;

const doc = (...Statement: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement }) as PolicyDocument;
const allow = (Action: string | string[], Resource = '*') => doc({ Effect: 'Allow', Action, Resource });
const ask = (action: string, resource = ORDER, arn = ALICE, explain = false): AuthzRequest => ({ principal: { arn }, action, resource, explain });
const decide = (e: AuthzEngine, action: string, resource = ORDER, arn = ALICE) => e.authorize(ask(action, resource, arn)).decision;
/** The engine's statement indexes (white box: how many principals hold one). */
const indexes = (e: AuthzEngine): StatementIndexes => (e as unknown as { world: { statementIndexes: StatementIndexes } }).world.statementIndexes;

function world(): WorldSnapshot {
  return {
    format: 'iam-world-snapshot',
    version: 1,
    revision: 1,
    accounts: [{ id: ACCT }],
    policies: [{ arn: READ, document: allow(['orders:Get*', 'sqs:ReceiveMessage']) }],
    groups: [{ arn: OPS, inlinePolicies: [{ name: 'queues', document: allow('sqs:SendMessage', QUEUE) }] }],
    users: [
      { arn: ALICE, managedPolicies: [READ], groups: [OPS] },
      { arn: BOB, managedPolicies: [READ] },
    ],
    roles: [{ arn: ROLE, trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }), managedPolicies: [READ] }],
  };
}

describe('statement indexes', () => {
  it('are built on first use and follow changes to the group policies they list', async () => {
    const e = await createEngine(world());
    expect(indexes(e).size).toBe(0);
    expect(decide(e, 'sqs:SendMessage', QUEUE)).toBe('Allow');
    expect(indexes(e).size).toBe(1);
    // the group's inline policy changes: alice's index must not keep the old statement
    e.apply([{ op: 'put', kind: 'group', value: { arn: OPS, inlinePolicies: [{ name: 'queues', document: allow('sqs:DeleteMessage', QUEUE) }] } }]);
    expect(decide(e, 'sqs:SendMessage', QUEUE)).toBe('ImplicitDeny');
    expect(decide(e, 'sqs:DeleteMessage', QUEUE)).toBe('Allow');
    // the group attaches a managed policy instead; then the managed policy changes
    const JOBS = `arn:aws:iam::${ACCT}:policy/Jobs`;
    e.apply([
      { op: 'put', kind: 'policy', value: { arn: JOBS, document: allow('sqs:PurgeQueue', QUEUE) } },
      { op: 'put', kind: 'group', value: { arn: OPS, managedPolicies: [JOBS] } },
    ]);
    expect([decide(e, 'sqs:DeleteMessage', QUEUE), decide(e, 'sqs:PurgeQueue', QUEUE)]).toEqual(['ImplicitDeny', 'Allow']);
    e.apply([{ op: 'put', kind: 'policy', value: { arn: JOBS, document: doc({ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }) } }]);
    expect(decide(e, 'sqs:ReceiveMessage', QUEUE)).toBe('ExplicitDeny');
    expect(decide(e, 'sqs:ReceiveMessage', QUEUE, BOB)).toBe('Allow');
    e.apply([{ op: 'delete', kind: 'group', key: OPS }]);
    expect(decide(e, 'sqs:ReceiveMessage', QUEUE)).toBe('Allow');
  });

  it('see a policy attached before it exists once it is created', async () => {
    const e = await createEngine(world());
    const LATER = `arn:aws:iam::${ACCT}:policy/Later`;
    e.apply([{ op: 'put', kind: 'user', value: { arn: BOB, managedPolicies: [READ, LATER] } }]);
    expect(decide(e, 'orders:CancelOrder', ORDER, BOB)).toBe('ImplicitDeny');
    e.apply([{ op: 'put', kind: 'policy', value: { arn: LATER, document: allow('orders:CancelOrder') } }]);
    expect(decide(e, 'orders:CancelOrder', ORDER, BOB)).toBe('Allow');
  });

  it('list statements that name no service under every service, and alone for services no statement names', async () => {
    const e = await createEngine(world());
    const conditional = doc(
      { Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' },
      { Sid: 'NoMfa', Effect: 'Deny', NotAction: 'orders:GetOrder', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    );
    e.apply([{ op: 'put', kind: 'user', value: { arn: BOB, inlinePolicies: [{ name: 'mixed', document: conditional }] } }]);
    const withMfa = (action: string, mfaPresent: boolean): AuthzRequest => ({ principal: { arn: BOB, mfaPresent }, action, resource: ORDER });
    expect(e.authorize(withMfa('orders:GetOrder', false)).decision).toBe('Allow');
    expect(e.authorize(withMfa('orders:CancelOrder', false)).decision).toBe('ExplicitDeny');
    expect(e.authorize(withMfa('orders:CancelOrder', true)).decision).toBe('Allow');
    // a service no policy of the world names: only the statements with no service apply
    expect(e.authorize(withMfa('lambda:InvokeFunction', false)).decision).toBe('ExplicitDeny');
    expect(e.authorize(withMfa('lambda:InvokeFunction', true)).decision).toBe('Allow');
  });

  it('explain in policy order: own policies, then each group', async () => {
    const e = await createEngine(world());
    e.apply([{ op: 'put', kind: 'group', value: { arn: OPS, inlinePolicies: [{ name: 'read-again', document: allow('orders:GetOrder') }] } }]);
    const reasons = e.authorize(ask('orders:GetOrder', ORDER, ALICE, true)).reasons?.map((r) => r.policyId);
    expect(reasons).toEqual([READ, `${OPS}#inline/read-again`]);
  });

  it('serve role sessions from the role block, and go with the blocks they belong to', async () => {
    const e = await createEngine(world());
    const session = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;
    expect(decide(e, 'orders:GetOrder', ORDER, session)).toBe('Allow');
    expect(decide(e, 'orders:GetOrder', ORDER, ROLE)).toBe('Allow');
    expect(indexes(e).size).toBe(1);
    const before = e.stats().imageBytes;
    for (let i = 0; i < 500; i++) {
      e.apply([{ op: 'put', kind: 'role', value: { ...world().roles![0], managedPolicies: i % 2 ? [READ] : [] } }]);
      expect(decide(e, 'orders:GetOrder', ORDER, session)).toBe(i % 2 ? 'Allow' : 'ImplicitDeny');
    }
    expect(indexes(e).size).toBe(1);
    expect(e.stats().imageBytes - before).toBeLessThan(64 * 1024);
    e.apply([{ op: 'delete', kind: 'role', key: ROLE }]);
    expect(indexes(e).size).toBe(0);
    expect(decide(e, 'orders:GetOrder', ORDER, session)).toBe('ImplicitDeny');
  });
});
