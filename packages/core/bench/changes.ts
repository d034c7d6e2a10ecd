// Incremental changes for the benchmark: replaced managed policies, re-put users, new resource policies.

import type { WorldChange } from '../src/model/change.ts';
import type { User, WorldSnapshot } from '../src/model/snapshot.ts';
import { Rng } from './prng.ts';

/** The three kinds of change the benchmark times. */
export type ChangeKind = 'managed policy' | 'user' | 'resource policy';

type Doc = { Version: string; Statement: unknown[] };

const asDoc = (d: unknown): Doc => (typeof d === 'string' ? JSON.parse(d) : structuredClone(d)) as Doc;
const statementsOf = (d: Doc): unknown[] => (Array.isArray(d.Statement) ? d.Statement : [d.Statement]);

/** `count` single-entity changes of `kind`, each different from the last, drawn deterministically. */
export function benchChanges(world: WorldSnapshot, kind: ChangeKind, count: number, seed = 11): WorldChange[] {
  const rng = new Rng(seed);
  const out: WorldChange[] = [];
  if (kind === 'managed policy') {
    const attached = new Set([...(world.users ?? []), ...(world.groups ?? []), ...(world.roles ?? [])].flatMap((p) => p.managedPolicies ?? []));
    const pool = (world.policies ?? []).filter((p) => p.kind === 'identity' && attached.has(p.arn));
    for (let k = 0; k < count && pool.length > 0; k++) {
      const policy = rng.pick(pool);
      const document = asDoc(policy.document);
      const account = policy.arn.split(':')[4];
      document.Statement = [
        ...statementsOf(document),
        { Sid: `BenchChange${k}`, Effect: 'Deny', Action: 'invoices:VoidInvoice', Resource: `arn:aws:invoices:*:${account}:invoice/bench-${k}` },
      ];
      out.push({ op: 'put', kind: 'policy', value: { ...policy, document } });
    }
  } else if (kind === 'user') {
    const pool = world.users ?? [];
    for (let k = 0; k < count && pool.length > 0; k++) {
      const user = rng.pick(pool);
      const account = user.arn.split(':')[4];
      const allStaff = `arn:aws:iam::${account}:group/all-staff`;
      const groups = user.groups?.includes(allStaff) ? user.groups.filter((g) => g !== allStaff) : [...(user.groups ?? []), allStaff];
      const value: User = { ...user, groups, tags: { ...user.tags, costCenter: `cc-bench-${k}` } };
      out.push({ op: 'put', kind: 'user', value });
    }
  } else {
    const pool = (world.resources ?? []).filter((r) => r.policy);
    for (let k = 0; k < count && pool.length > 0; k++) {
      const resource = rng.pick(pool);
      const document = asDoc(resource.policy);
      document.Statement = [
        ...statementsOf(document),
        { Sid: `BenchChange${k}`, Effect: 'Deny', Principal: '*', Action: '*', Resource: `${resource.arn}/bench-${k}` },
      ];
      out.push({ op: 'put', kind: 'resource', value: { ...resource, policy: document } });
    }
  }
  return out;
}
