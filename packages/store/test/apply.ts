// An independent applier of WorldChanges to a snapshot (test oracle for changesSince), normalized like the store's export.

import type { WorldChange, WorldSnapshot } from '../src/core.ts';

type Keyed = { arn?: string; id?: string };
const keyOf = (v: Keyed) => (v.arn ?? v.id) as string;
const LISTS = { account: 'accounts', policy: 'policies', user: 'users', group: 'groups', role: 'roles', resource: 'resources' } as const;

function upsert<T extends Keyed>(list: T[], value: T): T[] {
  return [...list.filter((x) => keyOf(x) !== keyOf(value)), value];
}

/** Applies `changes` in order to a copy of `snap` and returns it with lists sorted by key and `revision` set. */
export function applyChanges(snap: WorldSnapshot, changes: WorldChange[], revision: number): WorldSnapshot {
  const out = structuredClone(snap) as WorldSnapshot & Record<string, unknown>;
  delete (out as { extensions?: unknown }).extensions;
  for (const c of changes) {
    if (c.kind === 'organization') {
      if (c.op === 'put') out.organization = structuredClone(c.value);
      else delete out.organization;
      continue;
    }
    if (c.kind === 'ou') {
      if (!out.organization) throw new Error(`ou change without an organization: ${JSON.stringify(c)}`);
      const units = out.organization.units ?? [];
      out.organization.units = c.op === 'put' ? upsert(units, structuredClone(c.value)) : units.filter((u) => u.id !== c.key);
      continue;
    }
    const field = LISTS[c.kind];
    const list = (out[field] ?? []) as Keyed[];
    (out as Record<string, unknown>)[field] = c.op === 'put' ? upsert(list, structuredClone(c.value) as Keyed) : list.filter((x) => keyOf(x) !== c.key);
  }
  for (const field of Object.values(LISTS)) {
    (out as Record<string, unknown>)[field] = ((out[field] ?? []) as Keyed[]).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }
  if (out.organization) {
    const units = (out.organization.units ?? []).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (units.length) out.organization.units = units;
    else delete out.organization.units;
  }
  out.revision = revision;
  return out;
}
