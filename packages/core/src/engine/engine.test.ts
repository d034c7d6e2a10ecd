// Engine facade: incremental changes of every kind, all-or-none application, batches, request errors.

import { describe, expect, it, vi } from 'vitest';
import { createEngine, WorldError, type AuthzRequest, type PolicyDocument, type WorldChange, type WorldSnapshot } from '../index.ts';
import { Principals } from './principals.ts';
import { MAX_STRING_LENGTH } from './encode.ts';

const ACCT = '111122223333';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const READ = `arn:aws:iam::${ACCT}:policy/Read`;
const ORDER = `arn:aws:orders:eu-west-1:${ACCT}:order/42`;
const allow = (action: string, resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

function baseWorld(): WorldSnapshot {
  return {
    format: 'iam-world-snapshot',
    version: 1,
    revision: 7,
    accounts: [{ id: ACCT }],
    policies: [{ arn: READ, document: allow('orders:Get*') }],
    users: [{ arn: ALICE, managedPolicies: [READ] }],
    roles: [{ arn: ROLE, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }] } }],
  };
}

const ask = (action: string, resource = ORDER, principal = ALICE): AuthzRequest => ({ principal: { arn: principal }, action, resource });

describe('createEngine', () => {
  it('loads a snapshot and reports its revision and size', async () => {
    const e = await createEngine(baseWorld());
    expect(e.revision).toBe(7);
    expect(e.stats()).toMatchObject({ principals: 2, policies: 1, statements: 2, resources: 1 });
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
    expect(e.authorize(ask('orders:DeleteOrder')).decision).toBe('ImplicitDeny');
  });

  it('refuses a snapshot with an invalid policy, naming it', async () => {
    const w = baseWorld();
    w.policies = [{ arn: READ, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:Get*' }] } }];
    await expect(createEngine(w)).rejects.toThrow(/policy `arn:aws:iam::111122223333:policy\/Read`/);
    await expect(createEngine({ ...baseWorld(), version: 2 as 1 })).rejects.toThrow(WorldError);
  });
});

describe('apply', () => {
  it('replaces a managed policy in place for every principal attached to it', async () => {
    const e = await createEngine(baseWorld());
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: allow('orders:*') } }], 8);
    expect(e.revision).toBe(8);
    expect(e.authorize(ask('orders:DeleteOrder')).decision).toBe('Allow');
    e.apply([{ op: 'delete', kind: 'policy', key: READ }]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('ImplicitDeny');
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: allow('orders:GetOrder') } }]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
  });

  it('adds groups and memberships, and drops them', async () => {
    const e = await createEngine(baseWorld());
    const group = `arn:aws:iam::${ACCT}:group/ops`;
    e.apply([
      { op: 'put', kind: 'group', value: { arn: group, inlinePolicies: [{ name: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'orders:GetOrder', Resource: '*' }] } }] } },
      { op: 'put', kind: 'user', value: { arn: ALICE, managedPolicies: [READ], groups: [group] } },
    ]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('ExplicitDeny');
    e.apply([{ op: 'delete', kind: 'group', key: group }]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
  });

  it('adds and removes resource policies and tags', async () => {
    const e = await createEngine(baseWorld());
    const bob = `arn:aws:iam::${ACCT}:user/bob`;
    e.apply([{ op: 'put', kind: 'user', value: { arn: bob } }]);
    expect(e.authorize(ask('orders:GetOrder', ORDER, bob)).decision).toBe('ImplicitDeny');
    const bucket = `arn:aws:orders:eu-west-1:${ACCT}:order`;
    e.apply([{ op: 'put', kind: 'resource', value: { arn: bucket, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: bob }, Action: 'orders:GetOrder', Resource: `${bucket}/*` }] } } }]);
    expect(e.authorize(ask('orders:GetOrder', ORDER, bob)).decision).toBe('Allow');
    e.apply([{ op: 'delete', kind: 'resource', key: bucket }]);
    expect(e.authorize(ask('orders:GetOrder', ORDER, bob)).decision).toBe('ImplicitDeny');
  });

  it('attaches SCPs through organization changes', async () => {
    const e = await createEngine(baseWorld());
    const scp = 'arn:aws:organizations::999988887777:policy/o-abcdefghij/service_control_policy/p-deny';
    const full = 'arn:aws:organizations::999988887777:policy/o-abcdefghij/service_control_policy/p-full';
    e.apply([
      { op: 'put', kind: 'policy', value: { arn: full, kind: 'scp', document: allow('*') } },
      { op: 'put', kind: 'policy', value: { arn: scp, kind: 'scp', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'orders:*', Resource: '*' }] } } },
      { op: 'put', kind: 'organization', value: { id: 'o-abcdefghij', managementAccountId: '999988887777', root: { id: 'r-abcd', scps: [full] } } },
      { op: 'put', kind: 'account', value: { id: ACCT, parentId: 'r-abcd', scps: [full, scp] } },
    ]);
    expect(e.authorize({ ...ask('orders:GetOrder'), explain: true })).toMatchObject({ decision: 'ExplicitDeny', deniedBy: 'scp' });
    e.apply([{ op: 'put', kind: 'account', value: { id: ACCT, parentId: 'r-abcd', scps: [full] } }]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
    e.apply([{ op: 'put', kind: 'account', value: { id: ACCT, parentId: 'r-abcd', scps: [] } }]);
    expect(e.authorize({ ...ask('orders:GetOrder'), explain: true })).toMatchObject({ decision: 'ImplicitDeny', deniedBy: 'scp' });
  });

  it('is all-or-none when one change is invalid', async () => {
    const e = await createEngine(baseWorld());
    const bad = { arn: READ, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:*' }] } };
    expect(() => e.apply([{ op: 'delete', kind: 'user', key: ALICE }, { op: 'put', kind: 'policy', value: bad }], 9)).toThrow(WorldError);
    expect(e.revision).toBe(7);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
  });

  it('removes roles and their trust policies', async () => {
    const e = await createEngine(baseWorld());
    const assume = ask('sts:AssumeRole', ROLE);
    expect(e.authorize(assume).decision).toBe('Allow');
    e.apply([{ op: 'delete', kind: 'role', key: ROLE }]);
    expect(e.authorize(assume).decision).toBe('ImplicitDeny');
    expect(e.authorize(ask('orders:GetOrder', ORDER, ROLE)).decision).toBe('ImplicitDeny');
  });

  it('follows user and role changes for principals it has already resolved, and policy changes under them', async () => {
    const e = await createEngine(baseWorld());
    const sessionArn = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;
    const trustPolicy = baseWorld().roles![0].trustPolicy;
    const userIdIs = (id: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:ListOrders', Resource: '*', Condition: { StringEquals: { 'aws:userid': id } } }] });
    const WRITE = `arn:aws:iam::${ACCT}:policy/Write`;
    e.apply([
      { op: 'put', kind: 'policy', value: { arn: WRITE, document: allow('orders:PutOrder') } },
      { op: 'put', kind: 'role', value: { arn: ROLE, roleId: 'AROAOLDROLEID0001', trustPolicy, inlinePolicies: [{ name: 'who', document: userIdIs('AROAOLDROLEID0001:s1') }] } },
    ]);
    const list = ask('orders:ListOrders', ORDER, sessionArn);
    expect([e.authorize(ask('orders:PutOrder')).decision, e.authorize(list).decision]).toEqual(['ImplicitDeny', 'Allow']);
    // a policy change keeps the resolutions and still applies at once
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: allow('orders:*') } }]);
    expect(e.authorize(ask('orders:PutOrder')).decision).toBe('Allow');
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: allow('orders:Get*') } }]);
    // a user change rewrites its block: the next request must see the new attachments
    e.apply([{ op: 'put', kind: 'user', value: { arn: ALICE, managedPolicies: [READ, WRITE] } }]);
    expect(e.authorize(ask('orders:PutOrder')).decision).toBe('Allow');
    // a role change: the session's derived aws:userid follows the new role id
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, roleId: 'AROANEWROLEID0002', trustPolicy, inlinePolicies: [{ name: 'who', document: userIdIs('AROAOLDROLEID0001:s1') }] } }]);
    expect(e.authorize(list).decision).toBe('ImplicitDeny');
    e.apply([{ op: 'delete', kind: 'user', key: ALICE }]);
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('ImplicitDeny');
  });

  it('keeps decisions stable across many replacements (memory is reused)', async () => {
    const e = await createEngine(baseWorld());
    const before = e.stats().imageBytes;
    for (let i = 0; i < 2000; i++) {
      e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: allow(i % 2 ? 'orders:Get*' : 'orders:List*') } }]);
    }
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
    expect(e.stats().statements).toBe(2);
    expect(e.stats().imageBytes - before).toBeLessThan(64 * 1024);
  });
});

describe('requests', () => {
  it('answers a batch exactly as single requests, with and without explanations', async () => {
    const e = await createEngine(baseWorld());
    const reqs: AuthzRequest[] = [];
    for (let i = 0; i < 3000; i++) reqs.push(ask(i % 3 ? 'orders:GetOrder' : 'orders:PutOrder', `${ORDER}/${'x'.repeat(i % 50)}`));
    const batch = e.authorizeBatch(reqs);
    const explained = e.authorizeBatch(reqs.map((r) => ({ ...r, explain: true })));
    reqs.forEach((r, i) => {
      expect(batch[i].decision).toBe(e.authorize(r).decision);
      expect(explained[i].decision).toBe(batch[i].decision);
    });
  });

  it('turns malformed requests into an ImplicitDeny with an error, and keeps working', async () => {
    const e = await createEngine(baseWorld());
    const bad = [
      {},
      { principal: { arn: ALICE }, action: 5, resource: ORDER },
      { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER, context: { k: { nested: true } } },
      { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER, time: 'yesterday' },
      { principal: {}, action: 'orders:GetOrder', resource: ORDER },
      { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: 'x'.repeat(100_000) },
    ] as unknown as AuthzRequest[];
    for (const r of bad) {
      const res = e.authorize(r);
      expect(res.decision).toBe('ImplicitDeny');
      expect(res.errors.length).toBe(1);
    }
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
  });

  it('gives a refused request the same result whatever else its batch asks', async () => {
    const e = await createEngine(baseWorld());
    const bad = { principal: { arn: ALICE }, action: 5, resource: ORDER } as unknown as AuthzRequest;
    const alone = e.authorize(bad);
    const [beside] = e.authorizeBatch([bad, { ...ask('orders:GetOrder'), explain: true }]);
    expect(beside).toStrictEqual(alone);
    expect(Object.keys(beside)).not.toContain('deniedBy');
    const explainedAlone = e.authorize({ ...bad, explain: true });
    expect(explainedAlone.deniedBy).toBe('identity');
    expect(explainedAlone.errors).toEqual(alone.errors);
  });

  it('treats a null context value as an absent key, whether or not a policy reads the key', async () => {
    const e = await createEngine(baseWorld());
    const withNull = { ...ask('orders:GetOrder'), context: { 'orders:Note': null } } as unknown as AuthzRequest;
    expect(e.authorize(withNull)).toMatchObject({ decision: 'Allow', errors: [] });
    // an Allow for another action starts reading the key: the request must still be allowed (found by a property check)
    const reads = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:PutOrder', Resource: '*', Condition: { StringEquals: { 'orders:Note': 'x' } } }] };
    e.apply([{ op: 'put', kind: 'user', value: { arn: ALICE, managedPolicies: [READ], inlinePolicies: [{ name: 'note', document: reads }] } }]);
    expect(e.authorize(withNull)).toMatchObject({ decision: 'Allow', errors: [] });
    expect(e.authorize({ ...ask('orders:PutOrder'), context: { 'orders:Note': null }, explain: true } as unknown as AuthzRequest)).toMatchObject({ decision: 'ImplicitDeny', missingContextKeys: ['orders:Note'] });
  });

  it('reads a caller key once a policy starts reading it, after requests that sent it unread', async () => {
    const e = await createEngine(baseWorld());
    const web = { ...ask('orders:GetOrder'), context: { 'aws:SourceIp': '10.1.2.3', 'orders:Channel': 'web' } };
    expect(e.authorize(web).decision).toBe('Allow');
    const denyWeb = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'orders:*', Resource: '*', Condition: { StringEquals: { 'orders:Channel': 'web' } } }] };
    e.apply([{ op: 'put', kind: 'user', value: { arn: ALICE, managedPolicies: [READ], inlinePolicies: [{ name: 'no-web', document: denyWeb }] } }]);
    expect(e.authorize(web).decision).toBe('ExplicitDeny');
    expect(e.authorize({ ...web, context: { 'aws:SourceIp': '10.1.2.3', 'orders:Channel': 'app' } }).decision).toBe('Allow');
    // the same within one batch: a session policy of the second request is the first to read `orders:Region`
    e.apply([{ op: 'put', kind: 'role', value: { ...baseWorld().roles![0], managedPolicies: [READ] } }]);
    const context = { 'aws:SourceIp': '10.1.2.3', 'orders:Region': 'emea' };
    const onlyEmea = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'orders:Region': 'emea' } } }] };
    const [first, second] = e.authorizeBatch([
      { ...ask('orders:GetOrder'), context },
      { principal: { session: { roleArn: ROLE, sessionName: 's', policies: [onlyEmea] } }, action: 'orders:GetOrder', resource: ORDER, context },
    ]);
    expect([first.decision, second.decision]).toEqual(['Allow', 'Allow']);
  });

  it('denies unknown principals, even GetCallerIdentity, which any known principal may call', async () => {
    const e = await createEngine(baseWorld());
    const ghost = `arn:aws:iam::${ACCT}:user/ghost`;
    expect(e.authorize(ask('orders:GetOrder', ORDER, ghost)).decision).toBe('ImplicitDeny');
    expect(e.authorize(ask('sts:GetCallerIdentity', '*')).decision).toBe('Allow');
    expect(e.authorize(ask('sts:GetCallerIdentity', '*', ghost)).decision).toBe('ImplicitDeny');
  });

  it('grows its arena for very large batches, sized from what the batch needs, and reuses the memory it gives back', async () => {
    const e = await createEngine(baseWorld());
    const before = e.stats().imageBytes;
    const batch = (n: number, len: number) => Array.from({ length: n }, () => ask('orders:GetOrder', `${ORDER}/${'y'.repeat(len)}`));
    for (const [n, len] of [[4000, 400], [5000, 400], [3000, 900], [6000, 200]]) {
      expect(e.authorizeBatch(batch(n, len)).every((r) => r.decision === 'Allow')).toBe(true);
    }
    // one grown arena of 4 MiB (doubling arena by arena left 1 + 2 MiB stranded beside it: 6.3 MB)
    expect(e.stats().imageBytes - before).toBeLessThan(5_000_000);
  });
});

describe('policies that allow everything', () => {
  const scp = (id: string) => `arn:aws:organizations::999988887777:policy/o-abcdefghij/service_control_policy/p-${id}`;
  const orgWith = (scps: Array<{ arn: string; document: PolicyDocument }>): WorldChange[] => [
    ...scps.map((p): WorldChange => ({ op: 'put', kind: 'policy', value: { ...p, kind: 'scp' } })),
    { op: 'put', kind: 'organization', value: { id: 'o-abcdefghij', managementAccountId: '999988887777', root: { id: 'r-abcd', scps: scps.map((p) => p.arn) } } },
    { op: 'put', kind: 'account', value: { id: ACCT, parentId: 'r-abcd', scps: scps.map((p) => p.arn) } },
  ];

  it('answer without a statement walk, and exactly as with an explanation', async () => {
    const e = await createEngine(baseWorld());
    e.apply(orgWith([{ arn: scp('full'), document: allow('*') as PolicyDocument }]));
    for (const action of ['orders:GetOrder', 'orders:DeleteOrder', 'iam:CreateUser']) {
      const plain = e.authorize(ask(action));
      const explained = e.authorize({ ...ask(action), explain: true });
      expect(plain.decision).toBe(explained.decision);
      expect(explained.reasons?.some((r) => r.layer === 'scp')).toBe(true);
    }
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
  });

  it('are only those with nothing else: a conditional Allow beside `*` still reports its errors', async () => {
    const e = await createEngine(baseWorld());
    const numeric = { Effect: 'Allow', Action: 'orders:*', Resource: '*', Condition: { NumericLessThan: { 'orders:Amount': '10' } } };
    e.apply(orgWith([{ arn: scp('mixed'), document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, numeric] } as PolicyDocument }]));
    const res = e.authorize({ ...ask('orders:GetOrder'), context: { 'orders:Amount': 'many' } });
    expect(res.decision).toBe('Allow');
    expect(res.errors).toHaveLength(2); // the SCP is attached at the root and at the account: evaluated at both levels
  });
});

describe('resource patterns', () => {
  it('compare a literal `arn:...:` head whole, and each component otherwise', async () => {
    const e = await createEngine(baseWorld());
    const resources = ['arn:aws:s3:::bkt/*', 'arn:aws:sqs:eu-west-1:111122223333:q-*', 'arn:aws:sqs:*:111122223333:w-*', 'arn:aws:kms:eu-${*}:111122223333:key/1'];
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: resources }] } } }]);
    const cases: Array<[string, string]> = [
      ['arn:aws:s3:::bkt/a.txt', 'Allow'],
      ['arn:aws:s3:eu-west-1::bkt/a.txt', 'ImplicitDeny'], // a region where the head has none
      ['arn:aws:s3::111122223333:bkt/a.txt', 'ImplicitDeny'],
      ['arn:aws-cn:s3:::bkt/a.txt', 'ImplicitDeny'],
      ['arn:aws:s3:::bkt', 'ImplicitDeny'],
      ['arn:aws:sqs:eu-west-1:111122223333:q-1', 'Allow'],
      ['arn:aws:sqs:eu-west-2:111122223333:q-1', 'ImplicitDeny'],
      ['arn:aws:sqs:eu-west-1:111122223334:q-1', 'ImplicitDeny'],
      ['arn:aws:sqs:eu-west-1:11112222333:q-1', 'ImplicitDeny'],
      ['arn:aws:sqs:ap-south-1:111122223333:w-1', 'Allow'], // a wildcard region: matched component by component
      ['arn:aws:kms:eu-*:111122223333:key/1', 'Allow'], // an escaped `*` is a literal character of the head
      ['arn:aws:kms:eu-west-1:111122223333:key/1', 'ImplicitDeny'],
    ];
    expect(cases.map(([resource]) => e.authorize(ask('s3:GetObject', resource)).decision)).toEqual(cases.map(([, d]) => d));
  });
});

describe('strings', () => {
  // ASCII strings of a batch are written in one call at its end, at places planned one byte per character; a string
  // that is not ASCII makes the engine encode the batch again, writing strings one by one (and the next 16 batches).
  const noted = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: `${ORDER}/*`, Condition: { StringEquals: { 'orders:Note': ['plain', 'crème', '\u{1F600}'] } } }] };
  const withNote = (resource: string, note: string): AuthzRequest => ({ ...ask('orders:GetOrder', resource), context: { 'orders:Note': note } });

  it('places every string of a batch where its record points, whether the batch is ASCII or not', async () => {
    const e = await createEngine(baseWorld());
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: noted } }]);
    const batches = [
      [withNote(`${ORDER}/a`, 'plain'), withNote(`${ORDER}/b`, 'plain')],
      // a non-ASCII resource first: every string after it would sit a few bytes off the plan
      [withNote(`${ORDER}/é-ü`, 'plain'), withNote(`${ORDER}/c`, 'plain'), withNote(`${ORDER}/d`, 'crème'), withNote(`${ORDER}/e`, '\u{1F600}')],
      // a lone surrogate is written as U+FFFD (3 bytes) and matches nothing
      [withNote(`${ORDER}/f`, '\uD800'), withNote(`${ORDER}/g`, 'plain')],
    ];
    // each batch in both orders, and enough ASCII batches after them that strings go back to being planned
    for (let round = 0; round < 20; round++) {
      for (const b of [...batches, batches[1].slice().reverse()]) {
        const decisions = e.authorizeBatch(b).map((r) => r.decision);
        expect(decisions).toEqual(b.map((r) => (r.context!['orders:Note'] === '\uD800' ? 'ImplicitDeny' : 'Allow')));
        expect(decisions).toEqual(b.map((r) => e.authorize(r).decision));
      }
      expect(e.authorizeBatch(batches[0]).map((r) => r.decision)).toEqual(['Allow', 'Allow']);
    }
  });

  it('grows the arena for a batch whose strings outgrow their region, with or without ASCII', async () => {
    const e = await createEngine(baseWorld());
    e.apply([{ op: 'put', kind: 'policy', value: { arn: READ, document: noted } }]);
    for (const c of ['x', 'é']) {
      const batch = Array.from({ length: 300 }, (_, i) => withNote(`${ORDER}/${c.repeat(2000 + i)}`, i % 2 ? 'plain' : 'other'));
      expect(e.authorizeBatch(batch).map((r) => r.decision)).toEqual(batch.map((_, i) => (i % 2 ? 'Allow' : 'ImplicitDeny')));
      // the longest string a request may carry, first in its batch
      const longest = withNote(`${ORDER}/${c.repeat(MAX_STRING_LENGTH - ORDER.length - 1)}`, 'plain');
      expect(e.authorizeBatch([longest, withNote(`${ORDER}/a`, 'plain')]).map((r) => r.decision)).toEqual(['Allow', 'Allow']);
    }
  });
});

describe('memory growth during a batch', () => {
  it('keeps encoding correctly when principals and session policies are compiled mid-batch', async () => {
    const w = baseWorld();
    w.users = Array.from({ length: 3000 }, (_, i) => ({ arn: `arn:aws:iam::${ACCT}:user/u${i}`, managedPolicies: [READ], tags: { team: `t${i}` } }));
    const e = await createEngine(w);
    const reqs: AuthzRequest[] = w.users.map((u, i) => ({
      principal: i % 2 ? { arn: u.arn } : { session: { roleArn: ROLE, sessionName: `s${i}`, policies: [allow(`orders:Get${i}*`)] } },
      action: i % 2 ? 'orders:GetOrder' : `orders:Get${i}Thing`,
      resource: ORDER,
    }));
    // the role has no identity policy: sessions are denied; users are allowed
    const results = e.authorizeBatch(reqs);
    results.forEach((r, i) => expect(r.decision).toBe(i % 2 ? 'Allow' : 'ImplicitDeny'));
  });
});

describe('session policies', () => {
  it('keeps a caller key that only a session policy of the same request reads', async () => {
    const e = await createEngine(baseWorld());
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, managedPolicies: [READ], trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }] } } }]);
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] };
    const req: AuthzRequest = { principal: { session: { roleArn: ROLE, sessionName: 's', policies: [policy] } }, action: 'orders:GetOrder', resource: ORDER, context: { 'aws:SourceIp': '10.1.2.3' } };
    expect(e.authorize(req).decision).toBe('Allow');
    expect(e.authorize({ ...req, context: { 'aws:SourceIp': '192.0.2.1' } }).decision).toBe('ImplicitDeny');
  });

  it('applies each request\'s own session policies to a session resolved once, and forgets it on a change', async () => {
    const e = await createEngine(baseWorld());
    const trustPolicy = baseWorld().roles![0].trustPolicy;
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, managedPolicies: [READ], trustPolicy } }]);
    const session = (policies?: PolicyDocument[]): AuthzRequest => ({ principal: { session: { roleArn: ROLE, sessionName: 's', ...(policies ? { policies } : {}) } }, action: 'orders:GetOrder', resource: ORDER });
    const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
    const explained = e.authorizeBatch([session(), session([denyAll]), session(), { ...session([allow('orders:*')]), explain: true }, { ...session(), principal: { session: { roleArn: ROLE, sessionName: 's', tags: { team: 'x' } } } }]);
    expect(explained.map((r) => r.decision)).toEqual(['Allow', 'ExplicitDeny', 'Allow', 'Allow', 'Allow']);
    expect(explained[3].reasons.map((r) => r.layer).sort()).toEqual(['identity', 'session']);
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, trustPolicy } }]);
    expect(e.authorize(session()).decision).toBe('ImplicitDeny'); // the role lost its policy: nothing cached survives
  });
});

describe('request-supplied names', () => {
  it('keeps a session tag that only the same request\'s session policy reads, and interns no other tag', async () => {
    const e = await createEngine(baseWorld());
    const trustPolicy = baseWorld().roles![0].trustPolicy;
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, managedPolicies: [READ], trustPolicy } }]);
    const onlyBlue = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }] };
    const ask = (tags: Record<string, string>) => e.authorize({ principal: { session: { roleArn: ROLE, sessionName: 's', tags, policies: [onlyBlue] } }, action: 'orders:GetOrder', resource: ORDER }).decision;
    expect(ask({ team: 'blue' })).toBe('Allow');
    expect(ask({ team: 'red' })).toBe('ImplicitDeny');
    const keys = (e as unknown as { image: { keys: { size: number } } }).image.keys;
    const before = keys.size;
    for (let i = 0; i < 2000; i++) ask({ [`junk-${i}`]: 'x', team: 'blue' });
    expect(keys.size).toBe(before);
  });

  it('bounds the condition keys session policies may add, and keeps answering with the keys it has', async () => {
    const e = await createEngine(baseWorld());
    const trustPolicy = baseWorld().roles![0].trustPolicy;
    e.apply([{ op: 'put', kind: 'role', value: { arn: ROLE, managedPolicies: [READ], trustPolicy } }]);
    const withKey = (key: string): AuthzRequest => ({
      principal: { session: { roleArn: ROLE, sessionName: 's', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*', Condition: { StringEqualsIfExists: { [key]: 'x' } } }] }] } },
      action: 'orders:GetOrder', resource: ORDER,
    });
    const results = e.authorizeBatch(Array.from({ length: 5000 }, (_, i) => withKey(`orders:k${i}`)));
    const refused = results.filter((r) => r.errors.some((x) => /the most the engine keeps/.test(x.message)));
    expect(refused).toHaveLength(5000 - 4096);
    expect(refused.every((r) => r.decision === 'ImplicitDeny')).toBe(true);
    expect(e.authorize(withKey('orders:k7')).decision).toBe('Allow'); // a key it already has costs nothing
  });

  it('bounds the blocks it keeps for service principals named by requests', async () => {
    const e = await createEngine(baseWorld());
    const service = (i: number) => ({ principal: { service: `svc-${i}.example.com` }, action: 'orders:GetOrder', resource: ORDER });
    for (let i = 0; i < 5000; i++) e.authorize(service(i));
    const settled = e.stats().imageBytes;
    for (let i = 5000; i < 25000; i++) e.authorize(service(i));
    expect(e.stats().imageBytes).toBeLessThanOrEqual(settled * 1.5);
    expect(e.authorize(service(1)).decision).toBe('ImplicitDeny');
  });
  it('keeps its user and role resolutions however many service names and unknown ARNs requests bring', async () => {
    const e = await createEngine(baseWorld());
    expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
    // `fix` writes a resolution's constants block: a resolution that survived is not written again
    const fix = vi.spyOn(Principals.prototype as unknown as { fix(r: unknown): unknown }, 'fix');
    try {
      for (let i = 0; i < 5000; i++) e.authorize({ principal: { service: `svc-${i}.example.com` }, action: 'orders:GetOrder', resource: ORDER });
      for (let i = 0; i < 60_000; i++) e.authorize(ask('orders:GetOrder', ORDER, `arn:aws:iam::${ACCT}:user/ghost-${i}`));
      expect(e.authorize(ask('orders:GetOrder')).decision).toBe('Allow');
      expect(fix).not.toHaveBeenCalled();
    } finally {
      fix.mockRestore();
    }
  });
});

describe('principal cache overflow', () => {
  it('keeps every request of a batch intact when the resolution cache is emptied mid-batch', async () => {
    const w = baseWorld();
    // the grant depends on the session's own aws:userid, which lives in its cached resolution block
    const own = `arn:aws:iam::${ACCT}:policy/Own`;
    w.policies!.push({ arn: own, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*', Condition: { StringEquals: { 'aws:userid': '${orders:Caller}' } } }] } });
    w.roles = [{ arn: ROLE, roleId: 'AROAEXAMPLEROLEID0001', managedPolicies: [own], trustPolicy: w.roles![0].trustPolicy }];
    const e = await createEngine(w);
    // more distinct session ARNs than the cache holds, in one batch; odd sessions ask for a denied action
    const reqs: AuthzRequest[] = Array.from({ length: 50_500 }, (_, i) => ({
      principal: { arn: `arn:aws:sts::${ACCT}:assumed-role/app/session-${i}` },
      action: i % 2 ? 'orders:DeleteOrder' : 'orders:GetOrder',
      resource: ORDER,
      context: { 'orders:Caller': `AROAEXAMPLEROLEID0001:session-${i}` },
      explain: i % 1000 === 0,
    }));
    const results = e.authorizeBatch(reqs);
    results.forEach((r, i) => expect(r.decision).toBe(i % 2 ? 'ImplicitDeny' : 'Allow'));
    expect(e.authorize(reqs[0]).decision).toBe('Allow');
  }, 60_000);
});
