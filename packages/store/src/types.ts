// The store's public contract: configuration, records, inputs and the `Store` interface the admin plane and the PDP use.
//
// Conventions (all methods):
// - IAM entities are addressed by account id + name (names are unique per account, case-insensitively, as in AWS);
//   managed policies, SCPs/RCPs and resources by ARN; accounts, OUs and the root by id.
// - Every write is one transaction: it bumps the store revision by one, appends to the change log and, when
//   `opts.audit` is given, writes that audit entry in the same transaction (outcome `success`, with the revision).
//   When the write fails, the store records the audit entry in its own transaction with outcome `failure` and
//   the error's code, then rethrows. A write returns the revision it committed; a write that changes nothing
//   (adding a member twice, attaching a policy twice) commits no new revision and returns the current one.
// - Errors are `StoreError`s (errors.ts) with a stable `code`; a refused write writes nothing.
// - Reads never bump the revision. Timestamps are ISO 8601 strings (UTC).

import type { ChangeBatch, ManagedPolicyKind, PolicyDocument, Tags, WorldSource } from './core.ts';
import type { Quotas } from './config-types.ts';
import type {
  AccessKeyRecord,
  AccessKeyStatus,
  AccountRecord,
  AuditInput,
  AuditQuery,
  AuditRecord,
  ChangeLogEntry,
  CreateGroupInput,
  CreateOrgPolicyInput,
  CreatePolicyInput,
  CreateRoleInput,
  CreateUserInput,
  ExportOptions,
  GroupRecord,
  InlinePolicyRecord,
  NewAccessKey,
  NewRootAccessKeyInput,
  OrganizationRecord,
  OuRecord,
  PolicyRecord,
  PolicyUsage,
  PolicyVersionRecord,
  ResourceRecord,
  RoleRecord,
  StoreSnapshot,
  UpdateRoleInput,
  UserRecord,
} from './entity-types.ts';

export type * from './entity-types.ts';
export type * from './config-types.ts';

// ---------------------------------------------------------------- common shapes

/** Options of every list method. `pathPrefix` filters IAM paths (for resources: an ARN prefix). */
export interface ListOptions {
  pathPrefix?: string;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
}

/** One page of a list; `nextCursor` is present when more items follow. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** What every write returns: the revision it committed. */
export interface WriteResult {
  revision: number;
}

/** A write's revision and the entity as written. */
export interface Written<T> extends WriteResult {
  value: T;
}

/** Options of every write. */
export interface WriteOptions {
  /** Audit entry to record with this write (see the conventions atop this file). */
  audit?: AuditInput;
}

/** A user, group or role, by account and name. */
export interface PrincipalRef {
  kind: 'user' | 'group' | 'role';
  accountId: string;
  name: string;
}

/** A user or role (the principals that take tags and a permissions boundary). */
export interface TaggablePrincipalRef extends PrincipalRef {
  kind: 'user' | 'role';
}

// ---------------------------------------------------------------- the store

/** The entity store: one interface over the SQLite and PostgreSQL drivers. */
export interface Store extends WorldSource {
  readonly driver: 'sqlite' | 'postgres';
  readonly quotas: Readonly<Quotas>;

  // accounts and organization (org.ts)
  /** Creates an account; `id` defaults to a random 12-digit id. */
  createAccount(input: { id?: string; name?: string }, opts?: WriteOptions): Promise<Written<AccountRecord>>;
  getAccount(id: string): Promise<AccountRecord>;
  /** `pathPrefix` is ignored; `parentId` filters by placement. Sorted by id. */
  listAccounts(options?: ListOptions & { parentId?: string }): Promise<Page<AccountRecord>>;
  updateAccount(id: string, input: { name?: string }, opts?: WriteOptions): Promise<Written<AccountRecord>>;
  /** Refused while it owns users, groups, roles, policies or root access keys, is placed in the organization, or is its management account. */
  deleteAccount(id: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Creates the (single) organization with its root; places the management account under the root. */
  createOrganization(input: { id?: string; managementAccountId: string }, opts?: WriteOptions): Promise<Written<OrganizationRecord>>;
  getOrganization(): Promise<OrganizationRecord>;
  /** Refused while OUs, member accounts (other than the management account) or SCPs/RCPs exist. */
  deleteOrganization(opts?: WriteOptions): Promise<WriteResult>;
  /** Creates an OU under the root or another OU (at most `quotas.ouDepth` deep; names unique among siblings). */
  createOu(input: { parentId: string; name: string }, opts?: WriteOptions): Promise<Written<OuRecord>>;
  getOu(id: string): Promise<OuRecord>;
  listOus(options?: ListOptions & { parentId?: string }): Promise<Page<OuRecord>>;
  updateOu(id: string, input: { name: string }, opts?: WriteOptions): Promise<Written<OuRecord>>;
  /** Refused while it has child OUs or accounts. */
  deleteOu(id: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Places an account under the root or an OU; `null` takes it out of the organization (not the management account). */
  moveAccount(accountId: string, parentId: string | null, opts?: WriteOptions): Promise<Written<AccountRecord>>;

  // SCPs and RCPs (org.ts)
  createOrgPolicy(input: CreateOrgPolicyInput, opts?: WriteOptions): Promise<Written<PolicyRecord>>;
  /** Replaces name, description and/or document of an SCP/RCP (they have one version, `v1`). */
  updateOrgPolicy(arn: string, input: { name?: string; description?: string; document?: PolicyDocument }, opts?: WriteOptions): Promise<Written<PolicyRecord>>;
  /** Attaches to a root, OU or account (at most `quotas.orgPoliciesPerTarget` of each kind). */
  attachOrgPolicy(arn: string, targetId: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Refused (delete_conflict) when it is the target's last SCP. */
  detachOrgPolicy(arn: string, targetId: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Policies of a kind attached to a target, sorted by ARN. */
  listTargetPolicies(targetId: string, kind: 'scp' | 'rcp'): Promise<PolicyRecord[]>;

  // managed policies (policies.ts)
  createPolicy(input: CreatePolicyInput, opts?: WriteOptions): Promise<Written<PolicyRecord>>;
  getPolicy(arn: string): Promise<PolicyRecord>;
  /** Sorted by ARN; `accountId` and `kind` filter. */
  listPolicies(options?: ListOptions & { accountId?: string; kind?: ManagedPolicyKind }): Promise<Page<PolicyRecord>>;
  /** Refused while attached anywhere or used as a boundary; deletes all its versions. */
  deletePolicy(arn: string, opts?: WriteOptions): Promise<WriteResult>;
  getPolicyUsage(arn: string): Promise<PolicyUsage>;
  /** At most `quotas.versionsPerPolicy` versions (limit_exceeded beyond). */
  createPolicyVersion(arn: string, input: { document: PolicyDocument; setAsDefault?: boolean }, opts?: WriteOptions): Promise<Written<PolicyVersionRecord>>;
  getPolicyVersion(arn: string, versionId: string): Promise<PolicyVersionRecord>;
  /** Newest first. */
  listPolicyVersions(arn: string): Promise<PolicyVersionRecord[]>;
  setDefaultPolicyVersion(arn: string, versionId: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Refused (delete_conflict) for the default version. */
  deletePolicyVersion(arn: string, versionId: string, opts?: WriteOptions): Promise<WriteResult>;

  // users, groups, roles (principals.ts)
  createUser(input: CreateUserInput, opts?: WriteOptions): Promise<Written<UserRecord>>;
  getUser(accountId: string, name: string): Promise<UserRecord>;
  listUsers(accountId: string, options?: ListOptions): Promise<Page<UserRecord>>;
  /** As AWS: refused while the user has access keys, groups, attached or inline policies. */
  deleteUser(accountId: string, name: string, opts?: WriteOptions): Promise<WriteResult>;
  createGroup(input: CreateGroupInput, opts?: WriteOptions): Promise<Written<GroupRecord>>;
  getGroup(accountId: string, name: string): Promise<GroupRecord>;
  listGroups(accountId: string, options?: ListOptions): Promise<Page<GroupRecord>>;
  /** Refused while the group has members, attached or inline policies. */
  deleteGroup(accountId: string, name: string, opts?: WriteOptions): Promise<WriteResult>;
  /** At most `quotas.groupsPerUser` groups per user; the group must be in the user's account. Adding twice changes nothing. */
  addUserToGroup(accountId: string, userName: string, groupName: string, opts?: WriteOptions): Promise<WriteResult>;
  removeUserFromGroup(accountId: string, userName: string, groupName: string, opts?: WriteOptions): Promise<WriteResult>;
  listGroupsForUser(accountId: string, userName: string): Promise<GroupRecord[]>;
  listGroupMembers(accountId: string, groupName: string, options?: ListOptions): Promise<Page<UserRecord>>;
  createRole(input: CreateRoleInput, opts?: WriteOptions): Promise<Written<RoleRecord>>;
  getRole(accountId: string, name: string): Promise<RoleRecord>;
  listRoles(accountId: string, options?: ListOptions): Promise<Page<RoleRecord>>;
  updateRole(accountId: string, name: string, input: UpdateRoleInput, opts?: WriteOptions): Promise<Written<RoleRecord>>;
  updateTrustPolicy(accountId: string, name: string, document: PolicyDocument, opts?: WriteOptions): Promise<Written<RoleRecord>>;
  /** Refused while the role has attached or inline policies. */
  deleteRole(accountId: string, name: string, opts?: WriteOptions): Promise<WriteResult>;

  // policies on principals, boundaries, tags (attachments.ts)
  /** Creates or replaces; the aggregate size of a principal's inline policies is limited per kind. */
  putInlinePolicy(ref: PrincipalRef, policyName: string, document: PolicyDocument, opts?: WriteOptions): Promise<WriteResult>;
  getInlinePolicy(ref: PrincipalRef, policyName: string): Promise<InlinePolicyRecord>;
  listInlinePolicies(ref: PrincipalRef): Promise<InlinePolicyRecord[]>;
  deleteInlinePolicy(ref: PrincipalRef, policyName: string, opts?: WriteOptions): Promise<WriteResult>;
  /** Attaches a customer managed (identity) policy; at most the per-kind quota. Attaching twice changes nothing (no new revision). */
  attachPolicy(ref: PrincipalRef, policyArn: string, opts?: WriteOptions): Promise<WriteResult>;
  detachPolicy(ref: PrincipalRef, policyArn: string, opts?: WriteOptions): Promise<WriteResult>;
  /** ARNs, sorted. */
  listAttachedPolicies(ref: PrincipalRef): Promise<string[]>;
  /** Sets (identity policy ARN) or removes (`null`) the permissions boundary. */
  setPermissionsBoundary(ref: TaggablePrincipalRef, policyArn: string | null, opts?: WriteOptions): Promise<WriteResult>;
  /** Adds or overwrites tags (at most `quotas.tagsPerPrincipal` in total). */
  tagPrincipal(ref: TaggablePrincipalRef, tags: Tags, opts?: WriteOptions): Promise<WriteResult>;
  untagPrincipal(ref: TaggablePrincipalRef, keys: string[], opts?: WriteOptions): Promise<WriteResult>;

  // resources (resources.ts)
  putResourcePolicy(arn: string, document: PolicyDocument, options?: { accountId?: string }, opts?: WriteOptions): Promise<Written<ResourceRecord>>;
  deleteResourcePolicy(arn: string, opts?: WriteOptions): Promise<WriteResult>;
  tagResource(arn: string, tags: Tags, options?: { accountId?: string }, opts?: WriteOptions): Promise<Written<ResourceRecord>>;
  untagResource(arn: string, keys: string[], opts?: WriteOptions): Promise<WriteResult>;
  getResource(arn: string): Promise<ResourceRecord>;
  /** `pathPrefix` is an ARN prefix. Sorted by ARN. */
  listResources(options?: ListOptions & { accountId?: string }): Promise<Page<ResourceRecord>>;

  // access keys (keys.ts)
  /** At most `quotas.accessKeysPerUser` keys; the secret is returned here only. */
  createAccessKey(accountId: string, userName: string, opts?: WriteOptions): Promise<Written<NewAccessKey>>;
  listAccessKeys(accountId: string, userName: string): Promise<AccessKeyRecord[]>;
  /**
   * Creates an access key of the account root (`arn:PARTITION:iam::ACCT:root`; the record has `root: true`), with the
   * same limit of `quotas.accessKeysPerUser` keys per root. `input` may give the key id and secret (both or neither;
   * see ACCESS_KEY_ID_PATTERN and SECRET_ACCESS_KEY_PATTERN), e.g. taken from configuration; else they are generated.
   */
  createRootAccessKey(accountId: string, input?: NewRootAccessKeyInput, opts?: WriteOptions): Promise<Written<NewAccessKey>>;
  listRootAccessKeys(accountId: string): Promise<AccessKeyRecord[]>;
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord>;
  updateAccessKey(accessKeyId: string, status: AccessKeyStatus, opts?: WriteOptions): Promise<Written<AccessKeyRecord>>;
  deleteAccessKey(accessKeyId: string, opts?: WriteOptions): Promise<WriteResult>;
  /** The key and its decrypted secret, for signature checks (PDP/STS); null when unknown. */
  resolveAccessKey(accessKeyId: string): Promise<(AccessKeyRecord & { secretAccessKey: string }) | null>;
  /** Records last use (time, service). Not a world change: no revision bump, no change log. */
  recordAccessKeyUse(accessKeyId: string, service: string, at?: string): Promise<void>;

  // audit (audit.ts)
  /** Writes one audit entry on its own (no revision bump); `outcome` is required. */
  recordAudit(entry: AuditInput): Promise<AuditRecord>;
  /** Newest first, filtered, paginated. */
  queryAudit(query?: AuditQuery): Promise<Page<AuditRecord>>;

  // change feed (feed.ts) — plus WorldSource's snapshot(), currentRevision(), changesSince(), subscribe()
  /** Raw change log rows with revision > `afterRevision`, oldest first (at most `limit`, default 1000). */
  listChanges(afterRevision: number, limit?: number): Promise<ChangeLogEntry[]>;
  changesSince(revision: number): Promise<ChangeBatch | null>;

  // snapshots (snapshot.ts)
  /** The whole store at one revision (lossless by default, see StoreSnapshot). */
  exportSnapshot(options?: ExportOptions): Promise<StoreSnapshot>;
  /**
   * Imports into an empty store in one transaction, keeping ids; the store's revision becomes the snapshot's
   * (or 1 when it has none). Refused with entity_already_exists when the store holds any entity.
   */
  importSnapshot(snapshot: StoreSnapshot, opts?: WriteOptions): Promise<WriteResult>;
  /**
   * Replaces the whole content of a live store with `snapshot` in one transaction at a new revision (current + 1; the
   * snapshot's own revision is ignored). Ids and encrypted access-key secrets are kept (they must decrypt with this
   * store's `encryptionKey`); the audit log is kept. The change log is cut at the new revision, so `changesSince` of
   * any earlier revision throws `change_log_gap` and followers reload a snapshot. Validated in full before anything
   * is deleted: a refused restore changes nothing.
   */
  restoreSnapshot(snapshot: StoreSnapshot, opts?: WriteOptions): Promise<WriteResult>;

  // batches (batch.ts)
  /**
   * Runs several writes as one transaction with one revision: `fn` gets a writer bound to that transaction (reads
   * through it see the batch's own writes). Each write of the batch is a savepoint: a refused write changes nothing and
   * its error may be caught to go on; when `fn` throws, the whole batch rolls back and nothing is written. Writes run
   * one at a time in the order called. Audit: `opts.audit` records the batch (success with its revision, or failure);
   * audit entries given to the batch's writes are written with the batch's revision when it commits. The result is
   * `fn`'s value and the batch's revision (the current one when no write changed anything). Do not keep the writer
   * past `fn`: its writes are refused then.
   */
  batch<T>(fn: (tx: StoreTx) => Promise<T>, opts?: WriteOptions): Promise<Written<T>>;

  /** Stops polling and listening and closes the connections. */
  close(): Promise<void>;
}

/** Methods of the store that are not part of a batch (the feed, snapshots, audit-only writes, lifecycle). */
type NotInBatch = 'driver' | 'quotas' | 'snapshot' | 'currentRevision' | 'changesSince' | 'subscribe' | 'listChanges' | 'exportSnapshot' | 'importSnapshot'
  | 'restoreSnapshot' | 'recordAudit' | 'queryAudit' | 'recordAccessKeyUse' | 'close';

/** The writer a batch's function gets: every entity read and write of the store, bound to the batch's transaction. */
export type StoreTx = Omit<Store, NotInBatch>;
