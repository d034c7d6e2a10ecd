// Row -> public record mappers, and the lookups every entity module uses ("get it or throw no_such_entity").

import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { AccountsTable, DB, GroupsTable, OusTable, PoliciesTable, RolesTable, UsersTable } from './db/schema.ts';
import { parseStored } from './documents.ts';
import { InvalidInputError, NoSuchEntityError } from './errors.ts';
import type { AccountRecord, GroupRecord, OuRecord, PolicyRecord, PrincipalRef, RoleRecord, UserRecord } from './types.ts';
import type { ManagedPolicyKind, Tags } from './core.ts';

type Row<T> = Selectable<T>;

/** Table of each principal kind. */
export const PRINCIPAL_TABLE = { user: 'iam_users', group: 'iam_groups', role: 'iam_roles' } as const;

/** Lowercased name used for per-account uniqueness (IAM names are case-insensitive). */
export const nameKey = (name: string) => name.toLowerCase();

export function accountRecord(r: Row<AccountsTable>): AccountRecord {
  const rec: AccountRecord = { id: r.id, createdAt: r.created_at };
  if (r.name !== null) rec.name = r.name;
  if (r.parent_id !== null) rec.parentId = r.parent_id;
  return rec;
}

export function ouRecord(r: Row<OusTable>): OuRecord {
  return { id: r.id, name: r.name, parentId: r.parent_id, depth: r.depth, createdAt: r.created_at };
}

export function policyRecord(r: Row<PoliciesTable>, documentText: string): PolicyRecord {
  const rec: PolicyRecord = {
    arn: r.arn, policyId: r.policy_id, kind: r.kind as ManagedPolicyKind, accountId: r.account_id, name: r.name, path: r.path,
    defaultVersionId: r.default_version, document: parseStored(documentText), createdAt: r.created_at, updatedAt: r.updated_at,
  };
  if (r.description !== null) rec.description = r.description;
  return rec;
}

export function userRecord(r: Row<UsersTable>): UserRecord {
  const rec: UserRecord = { arn: r.arn, userId: r.user_id, accountId: r.account_id, name: r.name, path: r.path, tags: JSON.parse(r.tags) as Tags, createdAt: r.created_at };
  if (r.boundary !== null) rec.permissionsBoundary = r.boundary;
  return rec;
}

export function groupRecord(r: Row<GroupsTable>): GroupRecord {
  return { arn: r.arn, groupId: r.group_id, accountId: r.account_id, name: r.name, path: r.path, createdAt: r.created_at };
}

export function roleRecord(r: Row<RolesTable>): RoleRecord {
  const rec: RoleRecord = {
    arn: r.arn, roleId: r.role_id, accountId: r.account_id, name: r.name, path: r.path, trustPolicy: parseStored(r.trust_policy),
    maxSessionDuration: r.max_session, serviceLinked: r.service_linked === 1, tags: JSON.parse(r.tags) as Tags, createdAt: r.created_at,
  };
  if (r.description !== null) rec.description = r.description;
  if (r.boundary !== null) rec.permissionsBoundary = r.boundary;
  return rec;
}

/** The account row or no_such_entity. */
export async function requireAccount(db: Kysely<DB>, id: string): Promise<Row<AccountsTable>> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`account \`${id}\` does not exist`);
  return row;
}

export async function requireUser(db: Kysely<DB>, accountId: string, name: string): Promise<Row<UsersTable>> {
  const row = await db.selectFrom('iam_users').selectAll().where('account_id', '=', accountId).where('name_key', '=', nameKey(String(name))).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`user \`${name}\` does not exist in account \`${accountId}\``);
  return row;
}

export async function requireGroup(db: Kysely<DB>, accountId: string, name: string): Promise<Row<GroupsTable>> {
  const row = await db.selectFrom('iam_groups').selectAll().where('account_id', '=', accountId).where('name_key', '=', nameKey(String(name))).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`group \`${name}\` does not exist in account \`${accountId}\``);
  return row;
}

export async function requireRole(db: Kysely<DB>, accountId: string, name: string): Promise<Row<RolesTable>> {
  const row = await db.selectFrom('iam_roles').selectAll().where('account_id', '=', accountId).where('name_key', '=', nameKey(String(name))).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`role \`${name}\` does not exist in account \`${accountId}\``);
  return row;
}

/** The ARN of a user, group or role (no_such_entity when missing). */
export async function requirePrincipal(db: Kysely<DB>, ref: PrincipalRef): Promise<string> {
  if (!ref || !(ref.kind in PRINCIPAL_TABLE)) throw new InvalidInputError('principal kind must be `user`, `group` or `role`');
  if (ref.kind === 'user') return (await requireUser(db, ref.accountId, ref.name)).arn;
  if (ref.kind === 'group') return (await requireGroup(db, ref.accountId, ref.name)).arn;
  return (await requireRole(db, ref.accountId, ref.name)).arn;
}

/** The policy row or no_such_entity; with `kinds`, invalid_input when it is of another kind. */
export async function requirePolicy(db: Kysely<DB>, arn: string, kinds?: ManagedPolicyKind[]): Promise<Row<PoliciesTable>> {
  const row = await db.selectFrom('policies').selectAll().where('arn', '=', String(arn)).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`policy \`${arn}\` does not exist`);
  if (kinds && !kinds.includes(row.kind as ManagedPolicyKind)) {
    throw new InvalidInputError(`policy \`${arn}\` is a${row.kind === 'identity' ? 'n identity' : ` ${row.kind}`} policy; expected ${kinds.join(' or ')}`);
  }
  return row;
}

/** The stored text of a policy's default version. */
export async function defaultDocument(db: Kysely<DB>, p: Row<PoliciesTable>): Promise<string> {
  const v = await db.selectFrom('policy_versions').select('document').where('policy_arn', '=', p.arn).where('version_id', '=', p.default_version).executeTakeFirstOrThrow();
  return v.document;
}

/** Counts rows of a query (portable across drivers). */
export async function count<TB extends keyof DB>(q: SelectQueryBuilder<DB, TB, {}>): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number((row as { n?: number | string } | undefined)?.n ?? 0);
}
