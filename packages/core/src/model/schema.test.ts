// The published world snapshot and world change schemas: real worlds pass, broken ones fail naming the path.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WorldChange } from './change.ts';
import {
  MAX_SHAPE_ERRORS,
  validateChangeShape,
  validateSnapshotShape,
  WORLD_CHANGE_SCHEMA_PATH,
  WORLD_SNAPSHOT_SCHEMA_PATH,
  worldChangeSchema,
  worldSnapshotSchema,
} from './schema.ts';
import type { Account, Group, InlinePolicy, ManagedPolicy, Organization, OrganizationalUnit, OrgNode, Resource, Role, User, WorldSnapshot } from './snapshot.ts';

const CASES_DIR = fileURLToPath(new URL('../../../conformance/cases', import.meta.url));
const BENCH_WORLD_URL = new URL('../../bench/world.ts', import.meta.url);
const BENCH_WORLD = fileURLToPath(BENCH_WORLD_URL);
const ACCOUNT = '111122223333';
/** Conditional refinements (`if`/`then`/`else`) narrow properties described elsewhere. */
const REFINEMENT = /\/(if|then|else)(\/|$)/;
const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

/** Every JSON file under the conformance cases folder, listed now (others add cases concurrently). */
function caseFiles(): string[] {
  if (!existsSync(CASES_DIR)) return [];
  return (readdirSync(CASES_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
}

// Every field of every entity, typed with Required<> so that tsc flags a field added to the TS contract
// until it is added here, and the schema test below then flags it until the schema has it too.
const root: Required<OrgNode> = { id: 'r-ab12', scps: ['arn:aws:organizations::123456789012:policy/o-a1b2c3d4e5/service_control_policy/p-1'], rcps: [] };
const unit: Required<OrganizationalUnit> = { id: 'ou-ab12-11111111', name: 'prod', parentId: 'r-ab12', scps: [], rcps: [] };
const organization: Required<Organization> = { id: 'o-a1b2c3d4e5', managementAccountId: '123456789012', root, units: [unit] };
const account: Required<Account> = { id: ACCOUNT, name: 'shop', parentId: 'ou-ab12-11111111', scps: [], rcps: [] };
const policy: Required<ManagedPolicy> = { arn: `arn:aws:iam::${ACCOUNT}:policy/Read`, kind: 'identity', name: 'Read', document: DOC };
const inline: Required<InlinePolicy> = { name: 'Inline', document: JSON.stringify(DOC) };
const user: Required<User> = {
  arn: `arn:aws:iam::${ACCOUNT}:user/team/alice`,
  userId: 'AIDAEXAMPLEALICE00001',
  groups: [`arn:aws:iam::${ACCOUNT}:group/devs`],
  managedPolicies: [policy.arn],
  inlinePolicies: [inline],
  permissionsBoundary: policy.arn,
  tags: { team: 'payments', 'cost center': '', ['k'.repeat(128)]: 'v'.repeat(256) },
};
const group: Required<Group> = { arn: `arn:aws:iam::${ACCOUNT}:group/devs`, groupId: 'AGPAEXAMPLEDEVS00001', managedPolicies: [policy.arn], inlinePolicies: [inline] };
const role: Required<Role> = {
  arn: `arn:aws:iam::${ACCOUNT}:role/app`,
  roleId: 'AROAEXAMPLEAPP000001',
  trustPolicy: DOC,
  maxSessionDuration: 43200,
  serviceLinked: false,
  managedPolicies: [],
  inlinePolicies: [],
  permissionsBoundary: policy.arn,
  tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`])),
};
const resource: Required<Resource> = { arn: 'arn:aws:s3:::shop-bucket', accountId: ACCOUNT, policy: DOC, tags: { env: 'prod' } };
const full: Required<WorldSnapshot> = {
  format: 'iam-world-snapshot',
  version: 1,
  revision: 7,
  organization,
  accounts: [account],
  policies: [policy],
  users: [user],
  groups: [group],
  roles: [role],
  resources: [resource],
  extensions: { 'iam-store': { note: 'ignored by the engine' } },
};

/** The full world with `edit` applied to a deep copy (JSON, so that shared fixtures become separate objects). */
function broken(edit: (w: Record<string, any>) => void): Record<string, any> {
  const w = JSON.parse(JSON.stringify(full)) as Record<string, any>;
  edit(w);
  return w;
}

describe('world snapshot schema', () => {
  it('is published where the exported paths say, with every property described', () => {
    for (const [path, schema] of [[WORLD_SNAPSHOT_SCHEMA_PATH, worldSnapshotSchema()], [WORLD_CHANGE_SCHEMA_PATH, worldChangeSchema()]] as const) {
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schema);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const undescribed: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (node === null || typeof node !== 'object') return;
        const props = (node as { properties?: Record<string, { description?: string }> }).properties;
        for (const [name, sub] of Object.entries(props ?? {})) if (!sub.description && !REFINEMENT.test(at)) undescribed.push(`${at}/properties/${name}`);
        for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
      };
      walk(schema, '#');
      expect(undescribed, path).toEqual([]);
    }
  });

  it('accepts a snapshot using every field at its limits (50 tags, 128-char keys, 256-char and empty values, string documents)', () => {
    expect(validateSnapshotShape(full)).toEqual([]);
    expect(validateSnapshotShape({ format: 'iam-world-snapshot', version: 1 })).toEqual([]);
  });

  const files = caseFiles();
  it('finds the conformance cases', () => {
    expect(files.length, `no case files under ${CASES_DIR}`).toBeGreaterThan(0);
  });
  it.each(files)('accepts the world of conformance case %s', (file) => {
    const parsed = JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as { world?: unknown };
    expect(parsed.world, 'case file has no world').toBeDefined();
    expect(validateSnapshotShape(parsed.world)).toEqual([]);
  });

  const haveBench = existsSync(BENCH_WORLD);
  if (!haveBench) console.warn(`skipping generated-world schema tests: ${BENCH_WORLD} does not exist`);
  it.skipIf(!haveBench).each(['small', 'medium'] as const)('accepts the generated %s benchmark world', async (size) => {
    const { generateWorld } = (await import(BENCH_WORLD_URL.href)) as { generateWorld: (s: string) => WorldSnapshot };
    expect(validateSnapshotShape(generateWorld(size))).toEqual([]);
  });

  const invalid: [string, (w: Record<string, any>) => void, RegExp][] = [
    ['a bad account id', (w) => (w.accounts[0].id = '11112222333'), /^\$\.accounts\[0\]\.id: `11112222333` is not a valid account id/],
    ['an unknown top-level field', (w) => (w.principals = []), /^\$\.principals: unknown field/],
    ['a tag value that is not a string', (w) => (w.users[0].tags.team = 42), /^\$\.users\[0\]\.tags\.team: must be a string, not an integer/],
    ['a tag key with a dot that is not a string', (w) => (w.resources[0].tags['env.name'] = true), /^\$\.resources\[0\]\.tags\["env\.name"\]: must be a string, not a boolean/],
    ['51 tags', (w) => (w.roles[0].tags.extra = 'x'), /^\$\.roles\[0\]\.tags: must have at most 50 tags, has 51/],
    ['a 129-character tag key', (w) => (w.users[0].tags['k'.repeat(129)] = 'v'), /^\$\.users\[0\]\.tags: key `k+\.\.\.` must be at most 128 characters long/],
    ['a 257-character tag value', (w) => (w.users[0].tags.team = 'v'.repeat(257)), /^\$\.users\[0\]\.tags\.team: `v+\.\.\.` must be at most 256 characters long/],
    ['a role without trustPolicy', (w) => delete w.roles[0].trustPolicy, /^\$\.roles\[0\]\.trustPolicy: required field is missing/],
    ['a wrong format', (w) => (w.format = 'iam-world'), /^\$\.format: must be `iam-world-snapshot`, not `iam-world`/],
    ['a wrong version', (w) => (w.version = 2), /^\$\.version: must be `1`, not `2`/],
    ['a session duration below 3600', (w) => (w.roles[0].maxSessionDuration = 900), /^\$\.roles\[0\]\.maxSessionDuration: must be at least 3600/],
    ['a session duration above 43200', (w) => (w.roles[0].maxSessionDuration = 43201), /^\$\.roles\[0\]\.maxSessionDuration: must be at most 43200/],
    ['a fractional session duration', (w) => (w.roles[0].maxSessionDuration = 3600.5), /^\$\.roles\[0\]\.maxSessionDuration: must be an integer/],
    ['a bad organization id', (w) => (w.organization.id = 'o-short'), /^\$\.organization\.id: `o-short` is not a valid organization id/],
    ['a bad root id', (w) => (w.organization.root.id = 'root'), /^\$\.organization\.root\.id: `root` is not a valid root id/],
    ['a bad OU id', (w) => (w.organization.units[0].id = 'ou-ab12'), /^\$\.organization\.units\[0\]\.id: `ou-ab12` is not a valid OU id/],
    ['an account parent that is neither root nor OU', (w) => (w.accounts[0].parentId = 'o-a1b2c3d4e5'), /^\$\.accounts\[0\]\.parentId: `o-a1b2c3d4e5` is not a valid root or OU id/],
    ['a policy ARN that is not an ARN', (w) => (w.policies[0].arn = 'Read'), /^\$\.policies\[0\]\.arn: `Read` is not a valid ARN/],
    ['a role ARN in a user', (w) => (w.users[0].arn = `arn:aws:iam::${ACCOUNT}:role/app`), /^\$\.users\[0\]\.arn: .* is not a valid user ARN/],
    ['a policy document that is a number', (w) => (w.policies[0].document = 1), /^\$\.policies\[0\]\.document: must be an object or a string, not an integer/],
    ['an unknown policy kind', (w) => (w.policies[0].kind = 'boundary'), /^\$\.policies\[0\]\.kind: must be one of `identity`, `scp`, `rcp`, not `boundary`/],
    ['an unknown field in an inline policy', (w) => (w.groups[0].inlinePolicies[0].Version = '2012-10-17'), /^\$\.groups\[0\]\.inlinePolicies\[0\]\.Version: unknown field/],
    ['a negative revision', (w) => (w.revision = -1), /^\$\.revision: must be at least 0/],
  ];
  it.each(invalid)('rejects %s, naming the path', (_name, edit, expected) => {
    const errors = validateSnapshotShape(broken(edit));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });

  it('rejects a value that is not an object, and reports every problem of a world with several', () => {
    expect(validateSnapshotShape(null)).toEqual(['$: must be an object, not null']);
    expect(validateSnapshotShape([])).toEqual(['$: must be an object, not an array']);
    const errors = validateSnapshotShape(broken((w) => ((w.version = 2), (w.accounts[0].id = 'x'), delete w.roles[0].trustPolicy)));
    expect(errors).toHaveLength(3);
  });

  it('caps the report and counts what it left out', () => {
    const accounts = Array.from({ length: MAX_SHAPE_ERRORS + 5 }, (_, i) => ({ id: `bad-${i}` }));
    const errors = validateSnapshotShape({ format: 'iam-world-snapshot', version: 1, accounts });
    expect(errors).toHaveLength(MAX_SHAPE_ERRORS + 1);
    expect(errors.at(-1)).toBe('and 5 more errors');
  });
});

describe('world change schema', () => {
  const puts: WorldChange[] = [
    { op: 'put', kind: 'organization', value: organization },
    { op: 'put', kind: 'ou', value: unit },
    { op: 'put', kind: 'account', value: account },
    { op: 'put', kind: 'policy', value: policy },
    { op: 'put', kind: 'user', value: user },
    { op: 'put', kind: 'group', value: group },
    { op: 'put', kind: 'role', value: role },
    { op: 'put', kind: 'resource', value: resource },
  ];
  const deletes: WorldChange[] = [
    { op: 'delete', kind: 'organization', key: organization.id },
    { op: 'delete', kind: 'ou', key: unit.id },
    { op: 'delete', kind: 'account', key: account.id },
    { op: 'delete', kind: 'policy', key: policy.arn },
    { op: 'delete', kind: 'user', key: user.arn },
    { op: 'delete', kind: 'group', key: group.arn },
    { op: 'delete', kind: 'role', key: role.arn },
    { op: 'delete', kind: 'resource', key: resource.arn },
  ];

  it.each([...puts, ...deletes].map((c) => [`${c.op} ${c.kind}`, c] as const))('accepts a %s', (_name, change) => {
    expect(validateChangeShape(change)).toEqual([]);
  });

  it('checks a put value against the schema of its kind', () => {
    const errors = validateChangeShape({ op: 'put', kind: 'user', value: role });
    expect(errors).toContain(`$.value.arn: \`${role.arn}\` is not a valid user ARN (\`arn:aws:iam::ACCOUNT:user/PATH/NAME\`)`);
    expect(errors.some((e) => e.startsWith('$.value.trustPolicy: unknown field'))).toBe(true);
    expect(validateChangeShape({ op: 'put', kind: 'role', value: role })).toEqual([]);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a put of a role without trust policy', { op: 'put', kind: 'role', value: { arn: role.arn } }, /^\$\.value\.trustPolicy: required field is missing/],
    ['a put without value', { op: 'put', kind: 'account' }, /^\$\.value: required field is missing/],
    ['a put with a key', { op: 'put', kind: 'account', value: account, key: ACCOUNT }, /^\$\.key: unknown field/],
    ['a delete of an account by ARN', { op: 'delete', kind: 'account', key: user.arn }, /^\$\.key: .* is not a valid account id/],
    ['a delete of an OU by root id', { op: 'delete', kind: 'ou', key: 'r-ab12' }, /^\$\.key: `r-ab12` is not a valid OU id/],
    ['a delete with a value', { op: 'delete', kind: 'user', key: user.arn, value: user }, /^\$\.value: unknown field/],
    ['an unknown op', { op: 'patch', kind: 'user', key: user.arn }, /^\$\.op: must be one of `put`, `delete`, not `patch`/],
    ['an unknown kind', { op: 'delete', kind: 'bucket', key: resource.arn }, /^\$\.kind: must be one of .*, not `bucket`/],
    ['a change without op', { kind: 'user', key: user.arn }, /^\$\.op: required field is missing/],
  ];
  it.each(invalid)('rejects %s, naming the path', (_name, change, expected) => {
    const errors = validateChangeShape(change);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });
});
