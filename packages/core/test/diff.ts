// The changes that turn one world snapshot into another, entity by entity, in a safe order.

import type { WorldChange } from '../src/model/change.ts';
import type { WorldSnapshot } from '../src/model/snapshot.ts';

type Kind = WorldChange['kind'];
type Entity = { kind: Kind; key: string; value: unknown };

/** Kinds in the order puts are applied (referenced entities first: policies before what attaches them); deletes go in reverse. */
const ORDER: readonly Kind[] = ['policy', 'organization', 'ou', 'account', 'group', 'role', 'user', 'resource'];

function entities(w: WorldSnapshot): Map<string, Entity> {
  const out = new Map<string, Entity>();
  const add = (kind: Kind, key: string, value: unknown): void => void out.set(`${kind}|${key}`, { kind, key, value });
  if (w.organization) {
    const { units, ...org } = w.organization;
    add('organization', org.id, org);
    for (const u of units ?? []) add('ou', u.id, u);
  }
  for (const a of w.accounts ?? []) add('account', a.id, a);
  for (const p of w.policies ?? []) add('policy', p.arn, p);
  for (const g of w.groups ?? []) add('group', g.arn, g);
  for (const r of w.roles ?? []) add('role', r.arn, r);
  for (const u of w.users ?? []) add('user', u.arn, u);
  for (const r of w.resources ?? []) add('resource', r.arn, r);
  return out;
}

/** Puts for new or changed entities and deletes for removed ones, so that `from` + changes = `to`. */
export function worldDiff(from: WorldSnapshot, to: WorldSnapshot): WorldChange[] {
  const a = entities(from);
  const b = entities(to);
  const puts: WorldChange[] = [];
  const deletes: WorldChange[] = [];
  for (const [id, e] of b) {
    if (JSON.stringify(a.get(id)?.value) !== JSON.stringify(e.value)) puts.push({ op: 'put', kind: e.kind, value: e.value } as WorldChange);
  }
  for (const [id, e] of a) if (!b.has(id)) deletes.push({ op: 'delete', kind: e.kind, key: e.key });
  const rank = (c: WorldChange): number => ORDER.indexOf(c.kind);
  return [...puts.sort((x, y) => rank(x) - rank(y)), ...deletes.sort((x, y) => rank(y) - rank(x))];
}
