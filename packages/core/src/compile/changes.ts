// Loading snapshots and applying changes in two phases: check and parse everything first (so a bad
// change throws before anything moved), then mutate the world. Every change is a full-entity put or a delete.

import type { WorldChange } from '../model/change.ts';
import type { ParsedPolicy } from '../model/policy.ts';
import type { InlinePolicy, ManagedPolicy, WorldSnapshot } from '../model/snapshot.ts';
import { validateChangeShape, validateSnapshotShape } from '../model/schema.ts';
import { parseOrThrow, World, WorldError } from './world.ts';

/** Shape problems quoted in a WorldError. */
const SHAPE_ERRORS_SHOWN = 5;

/** A change with its policy documents already parsed. */
interface Prepared {
  change: WorldChange;
  main: ParsedPolicy | null;
  inline: ParsedPolicy[];
}

/**
 * Parse the documents of one change. Its shape was already checked against the schema (the change's, or the whole
 * snapshot's): kinds, keys, ids, ARNs and lists are as declared, so only the policy grammar is left to check here.
 */
function prepare(change: WorldChange): Prepared {
  if (change.op === 'delete') return { change, main: null, inline: [] };
  const parseInline = (owner: { arn: string; inlinePolicies?: InlinePolicy[] }) =>
    (owner.inlinePolicies ?? []).map((p) => parseOrThrow(p.document, 'identity', `inline policy \`${p.name}\` of \`${owner.arn}\``));
  switch (change.kind) {
    case 'organization':
    case 'ou':
    case 'account':
      return { change, main: null, inline: [] };
    case 'policy': {
      const { arn, kind = 'identity', document } = change.value;
      return { change, main: parseOrThrow(document, kind, `policy \`${arn}\``), inline: [] };
    }
    case 'user':
    case 'group':
      return { change, main: null, inline: parseInline(change.value) };
    case 'role': {
      const v = change.value;
      return { change, main: parseOrThrow(v.trustPolicy, 'trust', `trust policy of \`${v.arn}\``), inline: parseInline(v) };
    }
    case 'resource': {
      const v = change.value;
      const main = v.policy === undefined ? null : parseOrThrow(v.policy, 'resource', `resource policy of \`${v.arn}\``);
      return { change, main, inline: [] };
    }
  }
}

/** Apply one prepared change; returns whether the organization tree needs a rebuild. */
function applyOne(world: World, p: Prepared): boolean {
  const c = p.change;
  const org = world.org;
  if (c.op === 'delete') {
    switch (c.kind) {
      case 'organization': org.organization = undefined; return true;
      case 'ou': org.units.delete(c.key); return true;
      case 'account': org.accounts.delete(c.key); return true;
      case 'policy': world.deleteManagedPolicy(c.key); return false;
      case 'user': world.deleteUser(c.key); return false;
      case 'group': world.deleteGroup(c.key); return false;
      case 'role': world.deleteRole(c.key); return false;
      case 'resource': world.deleteResource(c.key); return false;
    }
  }
  switch (c.kind) {
    case 'organization': org.organization = c.value; return true;
    case 'ou': org.units.set(c.value.id, c.value); return true;
    case 'account': org.accounts.set(c.value.id, c.value); return true;
    case 'policy': world.putManagedPolicy(c.value, p.main as ParsedPolicy); return false;
    case 'user': world.putUser(c.value, p.inline); return false;
    case 'group': world.putGroup(c.value, p.inline); return false;
    case 'role': world.putRole(c.value, p.main as ParsedPolicy, p.inline); return false;
    case 'resource': world.putResource(c.value, p.main); return false;
  }
  return false;
}

/** Throw a WorldError listing the first shape problems, if any. */
function requireShape(problems: string[], what: string): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, SHAPE_ERRORS_SHOWN).join('; ');
  throw new WorldError(`${what} does not match its schema: ${shown}${problems.length > SHAPE_ERRORS_SHOWN ? ` (and ${problems.length - SHAPE_ERRORS_SHOWN} more)` : ''}`);
}

/** Apply changes all-or-none with respect to validation: every change is checked before any applies. */
export function applyChanges(world: World, changes: readonly WorldChange[], shapeChecked = false): void {
  if (!Array.isArray(changes)) throw new WorldError('changes must be an array');
  if (!shapeChecked) changes.forEach((c, i) => requireShape(validateChangeShape(c), `changes[${i}]`));
  const prepared = changes.map(prepare);
  let orgChanged = false;
  for (const p of prepared) orgChanged = applyOne(world, p) || orgChanged;
  if (orgChanged) world.org.rebuild();
}

/** The changes that build a snapshot's world from nothing. */
export function snapshotChanges(snapshot: WorldSnapshot): WorldChange[] {
  if (!snapshot || typeof snapshot !== 'object') throw new WorldError('the snapshot must be an object');
  // The schema pins format and version and the type of every list below.
  requireShape(validateSnapshotShape(snapshot), 'the snapshot');
  const changes: WorldChange[] = [];
  const org = snapshot.organization;
  if (org) {
    changes.push({ op: 'put', kind: 'organization', value: org });
    for (const u of org.units ?? []) changes.push({ op: 'put', kind: 'ou', value: u });
  }
  for (const a of snapshot.accounts ?? []) changes.push({ op: 'put', kind: 'account', value: a });
  for (const p of snapshot.policies ?? []) changes.push({ op: 'put', kind: 'policy', value: p as ManagedPolicy });
  for (const g of snapshot.groups ?? []) changes.push({ op: 'put', kind: 'group', value: g });
  for (const u of snapshot.users ?? []) changes.push({ op: 'put', kind: 'user', value: u });
  for (const r of snapshot.roles ?? []) changes.push({ op: 'put', kind: 'role', value: r });
  for (const r of snapshot.resources ?? []) changes.push({ op: 'put', kind: 'resource', value: r });
  return changes;
}
