// Assembles property-test worlds from random parts and makes the edits the properties compare:
// one more statement in one policy slot, no boundaries, no session policies, shuffled order.

import type { AuthzRequest } from '../src/model/decision.ts';
import type { WorldSnapshot } from '../src/model/snapshot.ts';
import type { Doc, Shape, Stmt, WorldParts } from './arbitraries.ts';
import { doc } from './arbitraries.ts';
import * as V from './vocabulary.ts';

const clone = <T>(x: T): T => structuredClone(x);
const withBoundary = (on: boolean): { permissionsBoundary?: string } => (on ? { permissionsBoundary: V.BOUNDARY } : {});
const inline = (d: Doc | undefined): { inlinePolicies?: { name: string; document: Doc }[] } => (d ? { inlinePolicies: [{ name: 'inline', document: clone(d) }] } : {});
const pick = (ix: number[]): string[] => ix.map((i) => V.MANAGED[i]);

/** The snapshot for `p`: an organization with two member accounts, three users, a group, a role, two resources. */
export function buildWorld(p: WorldParts): WorldSnapshot {
  const full = [V.FULL_ACCESS];
  return {
    format: 'iam-world-snapshot',
    version: 1,
    revision: 1,
    organization: {
      id: V.ORG_ID,
      managementAccountId: V.MGMT,
      root: { id: 'r-ab12', scps: full },
      units: [{ id: 'ou-ab12-workload1', name: 'Workloads', parentId: 'r-ab12', scps: p.scp ? [...full, V.EXTRA_SCP] : full }],
    },
    accounts: [
      { id: V.ACCT_A, parentId: 'ou-ab12-workload1', scps: full },
      { id: V.ACCT_B, parentId: 'r-ab12', scps: full },
      { id: V.MGMT, parentId: 'r-ab12', scps: full },
    ],
    policies: [
      ...p.managed.map((d, i) => ({ arn: V.MANAGED[i], kind: 'identity' as const, document: clone(d) })),
      { arn: V.BOUNDARY, kind: 'identity', document: clone(p.boundary) },
      { arn: V.FULL_ACCESS, kind: 'scp', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      ...(p.scp ? [{ arn: V.EXTRA_SCP, kind: 'scp' as const, document: clone(p.scp) }] : []),
    ],
    users: [
      { arn: V.ALICE, userId: 'AIDAALICE0000000000', groups: [V.DEVS], managedPolicies: pick(p.attach.alice), tags: { team: 'red' }, ...withBoundary(p.bounded.alice), ...inline(p.inline.alice) },
      { arn: V.BOB, userId: 'AIDABOB000000000000', groups: [V.DEVS], managedPolicies: pick(p.attach.bob), tags: { team: 'blue' }, ...withBoundary(p.bounded.bob) },
      { arn: V.CAROL, userId: 'AIDACAROL0000000000', managedPolicies: [V.MANAGED[4]], tags: { team: 'red' } },
    ],
    groups: [{ arn: V.DEVS, managedPolicies: pick(p.attach.devs), ...inline(p.inline.devs) }],
    roles: [{ arn: V.APP, roleId: 'AROAAPP000000000000', trustPolicy: clone(p.trust), managedPolicies: pick(p.attach.app), tags: { team: 'blue' }, ...withBoundary(p.bounded.app), ...inline(p.inline.app) }],
    resources: [
      { arn: V.BUCKET, accountId: V.ACCT_A, tags: { team: p.tags.bucket }, ...(p.bucketPolicy ? { policy: clone(p.bucketPolicy) } : {}) },
      { arn: V.ORDERS, tags: { team: p.tags.orders }, ...(p.ordersPolicy ? { policy: clone(p.ordersPolicy) } : {}) },
    ],
  };
}

/** The places a statement can be added, with the grammar each follows. */
export const SLOTS = {
  p0: 'identity', p1: 'identity', p2: 'identity', p3: 'identity', p4: 'identity', boundary: 'identity', scp: 'scp',
  'inline:alice': 'identity', 'inline:devs': 'identity', 'inline:app': 'identity',
  'resource:bucket': 'resource', 'resource:orders': 'resource', trust: 'trust', session: 'identity',
} as const satisfies Record<string, Shape>;
/** A slot name. */
export type Slot = keyof typeof SLOTS;

const append = (d: Doc | undefined, s: Stmt): Doc => (d ? { ...d, Statement: [...d.Statement, s] } : doc([s]));

/** `p` with `s` appended to the policy in `slot` (a missing policy is created); `session` leaves `p` as is. */
export function addStatement(p: WorldParts, slot: Slot, s: Stmt): WorldParts {
  const q = clone(p);
  if (slot.startsWith('p') && slot.length === 2) q.managed[Number(slot[1])] = append(q.managed[Number(slot[1])], s);
  else if (slot === 'boundary') q.boundary = append(q.boundary, s);
  else if (slot === 'scp') q.scp = append(q.scp, s);
  else if (slot === 'inline:alice') q.inline.alice = append(q.inline.alice, s);
  else if (slot === 'inline:devs') q.inline.devs = append(q.inline.devs, s);
  else if (slot === 'inline:app') q.inline.app = append(q.inline.app, s);
  else if (slot === 'resource:bucket') q.bucketPolicy = append(q.bucketPolicy, s);
  else if (slot === 'resource:orders') q.ordersPolicy = append(q.ordersPolicy, s);
  else if (slot === 'trust') q.trust = append(q.trust, s);
  return q;
}

/** `requests` with `s` appended to the first session policy of every request that has one. */
export function addToSessions(requests: AuthzRequest[], s: Stmt): AuthzRequest[] {
  return requests.map((r) => {
    const policies = r.principal.session?.policies;
    if (!policies || policies.length === 0) return r;
    const q = clone(r);
    q.principal.session!.policies![0] = append(policies[0] as Doc, s);
    return q;
  });
}

/** `requests` without session policies. */
export function withoutSessionPolicies(requests: AuthzRequest[]): AuthzRequest[] {
  return requests.map((r) => {
    if (!r.principal.session) return r;
    const q = clone(r);
    delete q.principal.session!.policies;
    delete q.principal.session!.policyArns;
    return q;
  });
}

/** A deterministic permutation source for shuffles inside a property. */
export function permuter(seed: number): <T>(xs: readonly T[]) => T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return (xs) => {
    const out = xs.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/** Shuffles every list: statements, entities, attachments, session policies and element values are all sets to IAM. */
export function shuffleDeep<T>(value: T, shuffle: <U>(xs: readonly U[]) => U[]): T {
  if (Array.isArray(value)) return shuffle(value.map((v) => shuffleDeep(v, shuffle))) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shuffleDeep(v, shuffle);
    return out as T;
  }
  return value;
}
