// Loading snapshots and applying changes in two phases: check and parse everything first (so a bad
// change throws before anything moved), then mutate the world. Every change is a full-entity put or a delete.

import type { WorldChange } from '../model/change.ts';
import type { ParsedPolicy, PolicyType } from '../model/policy.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type ManagedPolicy, type WorldSnapshot } from '../model/snapshot.ts';
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

const MANAGED_TYPES: Record<string, PolicyType> = { identity: 'identity', scp: 'scp', rcp: 'rcp' };

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new WorldError(`\`${path}\` must be a non-empty string`);
  return value;
}

function optionalArray(value: unknown, path: string): void {
  if (value !== undefined && !Array.isArray(value)) throw new WorldError(`\`${path}\` must be an array`);
}

/** Check the key fields and parse the documents of one change. */
function prepare(change: WorldChange, where: string): Prepared {
  if (!change || typeof change !== 'object') throw new WorldError(`${where} must be an object`);
  if (change.op === 'delete') {
    requireString(change.key, `${where}.key`);
    return { change, main: null, inline: [] };
  }
  if (change.op !== 'put') throw new WorldError(`${where}.op must be \`put\` or \`delete\``);
  const v = change.value as unknown as Record<string, unknown>;
  if (!v || typeof v !== 'object') throw new WorldError(`${where}.value must be an object`);
  const parseInline = (owner: string) => {
    optionalArray(v.inlinePolicies, `${where}.value.inlinePolicies`);
    return ((v.inlinePolicies as Array<{ name: string; document: unknown }>) ?? []).map((p, i) => {
      requireString(p?.name, `${where}.value.inlinePolicies[${i}].name`);
      return parseOrThrow(p.document, 'identity', `inline policy \`${p.name}\` of \`${owner}\``);
    });
  };
  for (const field of ['managedPolicies', 'groups', 'scps', 'rcps', 'units']) optionalArray(v[field], `${where}.value.${field}`);
  switch (change.kind) {
    case 'organization':
      requireString(v.id, `${where}.value.id`);
      requireString(v.managementAccountId, `${where}.value.managementAccountId`);
      requireString((v.root as { id?: unknown } | undefined)?.id, `${where}.value.root.id`);
      return { change, main: null, inline: [] };
    case 'ou':
      requireString(v.id, `${where}.value.id`);
      requireString(v.parentId, `${where}.value.parentId`);
      return { change, main: null, inline: [] };
    case 'account':
      if (!/^\d{12}$/.test(requireString(v.id, `${where}.value.id`))) throw new WorldError(`account id \`${v.id}\` must be 12 digits`);
      return { change, main: null, inline: [] };
    case 'policy': {
      const arn = requireString(v.arn, `${where}.value.arn`);
      const kind = (v.kind as string | undefined) ?? 'identity';
      const type = MANAGED_TYPES[kind];
      if (!type) throw new WorldError(`policy \`${arn}\` has unknown kind \`${kind}\``);
      return { change, main: parseOrThrow(v.document, type, `policy \`${arn}\``), inline: [] };
    }
    case 'user':
    case 'group': {
      const arn = requireString(v.arn, `${where}.value.arn`);
      return { change, main: null, inline: parseInline(arn) };
    }
    case 'role': {
      const arn = requireString(v.arn, `${where}.value.arn`);
      return { change, main: parseOrThrow(v.trustPolicy, 'trust', `trust policy of \`${arn}\``), inline: parseInline(arn) };
    }
    case 'resource': {
      const arn = requireString(v.arn, `${where}.value.arn`);
      const main = v.policy === undefined ? null : parseOrThrow(v.policy, 'resource', `resource policy of \`${arn}\``);
      return { change, main, inline: [] };
    }
    default:
      throw new WorldError(`${where}.kind \`${(change as { kind: string }).kind}\` is not an entity kind`);
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
  const prepared = changes.map((c, i) => prepare(c, `changes[${i}]`));
  let orgChanged = false;
  for (const p of prepared) orgChanged = applyOne(world, p) || orgChanged;
  if (orgChanged) world.org.rebuild();
}

/** The changes that build a snapshot's world from nothing. */
export function snapshotChanges(snapshot: WorldSnapshot): WorldChange[] {
  if (!snapshot || typeof snapshot !== 'object') throw new WorldError('the snapshot must be an object');
  requireShape(validateSnapshotShape(snapshot), 'the snapshot');
  if (snapshot.format !== SNAPSHOT_FORMAT) throw new WorldError(`snapshot format must be \`${SNAPSHOT_FORMAT}\``);
  if (snapshot.version !== SNAPSHOT_VERSION) throw new WorldError(`snapshot version \`${String(snapshot.version)}\` is not supported (expected ${SNAPSHOT_VERSION})`);
  for (const field of ['accounts', 'policies', 'users', 'groups', 'roles', 'resources'] as const) optionalArray(snapshot[field], field);
  const changes: WorldChange[] = [];
  const org = snapshot.organization;
  if (org) {
    changes.push({ op: 'put', kind: 'organization', value: org });
    optionalArray(org.units, 'organization.units');
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
