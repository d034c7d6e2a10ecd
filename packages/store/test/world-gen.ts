// A deterministic synthetic world (no randomness) for import tests and the benchmark, in the store's export form.

import type { WorldSnapshot } from '../src/core.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../src/core.ts';

/** Principals per account in generated worlds. */
const PRINCIPALS_PER_ACCOUNT = 1000;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** A 21-character unique id with `prefix`, from a number. */
const uid = (prefix: string, n: number) => prefix + pad(n, 17).replace(/[0189]/g, (d) => 'ABCD'['0189'.indexOf(d)]);

/** A world with about `principals` users + roles (3:1), groups, policies and resources, sorted like an export. */
export function generateWorld(principals: number, revision = 1): WorldSnapshot {
  const accounts = Math.max(1, Math.ceil(principals / PRINCIPALS_PER_ACCOUNT));
  const snap: Required<Pick<WorldSnapshot, 'accounts' | 'policies' | 'users' | 'groups' | 'roles' | 'resources'>> & WorldSnapshot = {
    format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, revision, accounts: [], policies: [], users: [], groups: [], roles: [], resources: [],
  };
  let n = 0;
  for (let a = 0; a < accounts; a++) {
    const acct = `1000000${pad(a, 5)}`;
    snap.accounts.push({ id: acct, name: `account-${a}` });
    const policyArns = Array.from({ length: 20 }, (_, p) => `arn:aws:iam::${acct}:policy/gen/p${pad(p, 2)}`);
    policyArns.forEach((arn, p) => snap.policies.push({ arn, kind: 'identity', name: `p${pad(p, 2)}`,
      document: { Version: '2012-10-17', Statement: [{ Sid: `S${p}`, Effect: 'Allow', Action: [`svc${p}:Get*`, `svc${p}:List*`], Resource: `arn:aws:svc${p}:*:${acct}:thing/*` }] } }));
    const groupArns = Array.from({ length: 10 }, (_, g) => `arn:aws:iam::${acct}:group/g${g}`);
    groupArns.forEach((arn, g) => snap.groups.push({ arn, groupId: uid('AGPA', ++n), managedPolicies: [policyArns[g]] }));
    const count = Math.min(PRINCIPALS_PER_ACCOUNT, principals - a * PRINCIPALS_PER_ACCOUNT);
    for (let i = 0; i < count; i++) {
      if (i % 4 === 3) {
        snap.roles.push({ arn: `arn:aws:iam::${acct}:role/svc/r${pad(i, 4)}`, roleId: uid('AROA', ++n), maxSessionDuration: 3600,
          managedPolicies: [policyArns[i % 20]], tags: { app: `app${i % 7}` },
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } });
      } else {
        snap.users.push({ arn: `arn:aws:iam::${acct}:user/u${pad(i, 4)}`, userId: uid('AIDA', ++n), groups: [groupArns[i % 10], groupArns[(i + 3) % 10]].sort(),
          ...(i % 5 === 0 ? { inlinePolicies: [{ name: 'own', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'svc:Put*', Resource: `arn:aws:svc:*:${acct}:thing/u${i}/*` }] } }] } : {}),
          tags: { team: `t${i % 13}` } });
      }
    }
    snap.resources.push({ arn: `arn:aws:s3:::bucket-${acct}`, accountId: acct, tags: { env: 'prod' },
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${acct}/*` }] } });
  }
  const byArn = (x: { arn: string }, y: { arn: string }) => (x.arn < y.arn ? -1 : 1);
  snap.policies.sort(byArn);
  snap.users.sort(byArn);
  snap.groups.sort(byArn);
  snap.roles.sort(byArn);
  snap.resources.sort(byArn);
  return snap;
}
