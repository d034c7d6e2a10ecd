// Records, inputs, audit and snapshot types of the store's public contract (re-exported by types.ts).

import type { ManagedPolicyKind, PolicyDocument, Tags, WorldSnapshot } from './core.ts';

// ---------------------------------------------------------------- accounts and organization

export interface AccountRecord {
  /** 12-digit account id. */
  id: string;
  name?: string;
  /** Root or OU id when the account is in the organization. */
  parentId?: string;
  createdAt: string;
}

export interface OrganizationRecord {
  /** `o-` + 10 lowercase letters/digits. */
  id: string;
  managementAccountId: string;
  /** `r-` + 4 lowercase letters/digits. */
  rootId: string;
  createdAt: string;
}

export interface OuRecord {
  /** `ou-` + root suffix + `-` + 8 lowercase letters/digits. */
  id: string;
  name: string;
  /** Root id or OU id. */
  parentId: string;
  /** 1 for a child of the root, up to `quotas.ouDepth`. */
  depth: number;
  createdAt: string;
}

// ---------------------------------------------------------------- policies

/** A managed policy (customer managed identity policy, or an SCP / RCP) with its default version's document. */
export interface PolicyRecord {
  arn: string;
  /** `ANPA...` for identity policies, `p-...` for SCPs and RCPs. */
  policyId: string;
  kind: ManagedPolicyKind;
  /** Owning account (the management account for SCPs and RCPs; `aws` for imported AWS managed policies). */
  accountId: string;
  name: string;
  path: string;
  description?: string;
  defaultVersionId: string;
  document: PolicyDocument;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyVersionRecord {
  /** `v1`, `v2`, ... (never reused). */
  versionId: string;
  isDefault: boolean;
  document: PolicyDocument;
  createdAt: string;
}

/** Where a policy is used. */
export interface PolicyUsage {
  /** Users, groups and roles that have it attached (ARNs). */
  attachedTo: string[];
  /** Users and roles that use it as permissions boundary (ARNs). */
  boundaryOf: string[];
  /** Roots, OUs and accounts it is attached to (SCPs and RCPs; ids). */
  targets: string[];
}

export interface CreatePolicyInput {
  accountId: string;
  name: string;
  path?: string;
  description?: string;
  document: PolicyDocument;
}

export interface CreateOrgPolicyInput {
  kind: 'scp' | 'rcp';
  name: string;
  description?: string;
  document: PolicyDocument;
}

// ---------------------------------------------------------------- principals

export interface UserRecord {
  arn: string;
  /** `AIDA...`, the value of `aws:userid`. */
  userId: string;
  accountId: string;
  name: string;
  path: string;
  permissionsBoundary?: string;
  tags: Tags;
  createdAt: string;
}

export interface GroupRecord {
  arn: string;
  /** `AGPA...`. */
  groupId: string;
  accountId: string;
  name: string;
  path: string;
  createdAt: string;
}

export interface RoleRecord {
  arn: string;
  /** `AROA...`. */
  roleId: string;
  accountId: string;
  name: string;
  path: string;
  description?: string;
  trustPolicy: PolicyDocument;
  /** Seconds, 3600..43200. */
  maxSessionDuration: number;
  permissionsBoundary?: string;
  serviceLinked: boolean;
  tags: Tags;
  createdAt: string;
}

export interface CreateUserInput {
  accountId: string;
  name: string;
  path?: string;
  permissionsBoundary?: string;
  tags?: Tags;
}

export interface CreateGroupInput {
  accountId: string;
  name: string;
  path?: string;
}

export interface CreateRoleInput {
  accountId: string;
  name: string;
  path?: string;
  description?: string;
  trustPolicy: PolicyDocument;
  /** Default 3600. */
  maxSessionDuration?: number;
  permissionsBoundary?: string;
  tags?: Tags;
  serviceLinked?: boolean;
}

export interface UpdateRoleInput {
  description?: string;
  maxSessionDuration?: number;
}

/** An inline policy of a user, group or role. */
export interface InlinePolicyRecord {
  name: string;
  document: PolicyDocument;
}

// ---------------------------------------------------------------- resources and access keys

/** A resource with a resource-based policy and/or tags (the row disappears when it has neither). */
export interface ResourceRecord {
  arn: string;
  accountId?: string;
  policy?: PolicyDocument;
  tags: Tags;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  /** `AKIA` + 16 characters. */
  accessKeyId: string;
  accountId: string;
  userName: string;
  userArn: string;
  status: AccessKeyStatus;
  createdAt: string;
  lastUsedAt?: string;
  lastUsedService?: string;
  /** True for a key of the account root: `userArn` is then `arn:PARTITION:iam::ACCT:root` and `userName` is `root`. */
  root?: true;
}

/** Optional id and secret of a new root access key (both or neither). */
export interface NewRootAccessKeyInput {
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Returned once, by createAccessKey: the only time the secret leaves the store unasked. */
export interface NewAccessKey extends AccessKeyRecord {
  secretAccessKey: string;
}

// ---------------------------------------------------------------- audit and change log

export type AuditOutcome = 'success' | 'failure';

/** What the admin plane records about one request. */
export interface AuditInput {
  /** Who called (principal ARN, API key id, ...). */
  caller: string;
  /** Operation name, e.g. `CreateUser`. */
  action: string;
  /** What it acted on (ARN or id). */
  target?: string;
  sourceIp?: string;
  /** Request parameters; values of secret-looking keys are masked before storing. */
  parameters?: Record<string, unknown>;
  /** Set by the store for writes with `opts.audit`; required for `recordAudit`. */
  outcome?: AuditOutcome;
  /** Error code of a failed request. */
  errorCode?: string;
  /** Defaults to now. */
  time?: string;
}

export interface AuditRecord {
  /** Increasing id (as a decimal string). */
  id: string;
  time: string;
  caller: string;
  action: string;
  target?: string;
  sourceIp?: string;
  outcome: AuditOutcome;
  errorCode?: string;
  /** Revision of the write this entry records, when it committed one. */
  revision?: number;
  parameters?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Inclusive lower bound (ISO time). */
  from?: string;
  /** Exclusive upper bound (ISO time). */
  to?: string;
  caller?: string;
  action?: string;
  outcome?: AuditOutcome;
  cursor?: string;
  /** 1..1000, default 100. Newest first. */
  limit?: number;
}

/** Entity kinds in the change log: the world's kinds plus store-only ones. */
export type ChangeLogKind =
  | 'organization'
  | 'ou'
  | 'account'
  | 'policy'
  | 'policy_version'
  | 'user'
  | 'group'
  | 'role'
  | 'resource'
  | 'access_key';

/** One change log row: which entity a revision touched. */
export interface ChangeLogEntry {
  revision: number;
  kind: ChangeLogKind;
  key: string;
  op: 'put' | 'delete';
}

// ---------------------------------------------------------------- snapshots

/** Store-only data carried by a lossless export, under `extensions['iam-store']`. */
export interface StoreSnapshotExtension {
  /** All versions of every managed policy (the snapshot itself holds only the default document). */
  policies: Record<
    string,
    {
      policyId: string;
      description?: string;
      defaultVersionId: string;
      /** Number of the next version id (`v` + nextVersion); ids are never reused. */
      nextVersion: number;
      createdAt: string;
      updatedAt: string;
      /** Oldest first. */
      versions: PolicyVersionRecord[];
    }
  >;
  /** Creation times and role descriptions, by ARN or id. */
  entities: Record<string, { createdAt: string; description?: string }>;
  /** Access keys with their secret still encrypted (restoring needs the same encryption key). */
  accessKeys: Array<AccessKeyRecord & { secretEncrypted: string }>;
}

/** A WorldSnapshot plus, for lossless backups, the store's extension. */
export interface StoreSnapshot extends WorldSnapshot {
  extensions?: { 'iam-store'?: StoreSnapshotExtension };
}

export interface ExportOptions {
  /** Include the `iam-store` extension (default true). `snapshot()` of WorldSource never includes it. */
  lossless?: boolean;
}
