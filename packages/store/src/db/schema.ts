// Table types for the typed query layer (Kysely); one shape for SQLite and PostgreSQL.

import type { Generated } from 'kysely';

/** Integers that PostgreSQL returns as strings (bigint) and SQLite as numbers. */
export type BigIntColumn = number | string;

export interface StoreMetaTable {
  id: number;
  revision: BigIntColumn;
  /** Lowest revision `changesSince` can start from. */
  log_floor: BigIntColumn;
}

export interface AccountsTable {
  id: string;
  name: string | null;
  parent_id: string | null;
  created_at: string;
}

export interface OrganizationTable {
  id: string;
  management_account_id: string;
  root_id: string;
  created_at: string;
}

export interface OusTable {
  id: string;
  name: string;
  name_key: string;
  parent_id: string;
  depth: number;
  created_at: string;
}

export interface OrgAttachmentsTable {
  target_id: string;
  policy_arn: string;
  kind: string;
}

export interface PoliciesTable {
  arn: string;
  policy_id: string;
  kind: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  description: string | null;
  default_version: string;
  next_version: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionsTable {
  policy_arn: string;
  version_id: string;
  version_num: number;
  document: string;
  created_at: string;
}

export interface UsersTable {
  arn: string;
  user_id: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  boundary: string | null;
  tags: string;
  created_at: string;
}

export interface GroupsTable {
  arn: string;
  group_id: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  created_at: string;
}

export interface RolesTable {
  arn: string;
  role_id: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  description: string | null;
  trust_policy: string;
  max_session: number;
  boundary: string | null;
  service_linked: number;
  tags: string;
  created_at: string;
}

export interface MembershipsTable {
  user_arn: string;
  group_arn: string;
}

export interface InlinePoliciesTable {
  owner_arn: string;
  name: string;
  document: string;
  size: number;
}

export interface AttachmentsTable {
  owner_arn: string;
  policy_arn: string;
}

export interface ResourcesTable {
  arn: string;
  account_id: string | null;
  policy: string | null;
  tags: string;
}

export interface AccessKeysTable {
  access_key_id: string;
  user_arn: string;
  account_id: string;
  user_name: string;
  status: string;
  secret_enc: string;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
}

export interface ChangeLogTable {
  revision: BigIntColumn;
  seq: number;
  kind: string;
  key: string;
  op: string;
}

export interface AuditLogTable {
  id: Generated<BigIntColumn>;
  time: string;
  caller: string;
  action: string;
  target: string | null;
  source_ip: string | null;
  outcome: string;
  error_code: string | null;
  revision: BigIntColumn | null;
  parameters: string | null;
}

/** The whole database. */
export interface DB {
  store_meta: StoreMetaTable;
  accounts: AccountsTable;
  organization: OrganizationTable;
  ous: OusTable;
  org_attachments: OrgAttachmentsTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  iam_users: UsersTable;
  iam_groups: GroupsTable;
  iam_roles: RolesTable;
  memberships: MembershipsTable;
  inline_policies: InlinePoliciesTable;
  attachments: AttachmentsTable;
  resources: ResourcesTable;
  access_keys: AccessKeysTable;
  change_log: ChangeLogTable;
  audit_log: AuditLogTable;
}
