// The world snapshot: the versioned JSON document the store exports, the PDP loads and the core compiles.
// Its JSON Schema is published at packages/core/schema/world-snapshot.schema.json.

import type { PolicyDocument } from './policy.ts';

/** Identifies the snapshot format; checked on load. */
export const SNAPSHOT_FORMAT = 'iam-world-snapshot';
/** Version of the snapshot format this core reads and writes. */
export const SNAPSHOT_VERSION = 1;

/** Key/value tags on a principal or a resource (tag keys are unique per entity). */
export type Tags = Record<string, string>;

/** The whole world an engine decides on. */
export interface WorldSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** Store revision this snapshot reflects (0 when not from a store). */
  revision?: number;
  /** The organization, when accounts belong to one (SCPs and RCPs need it). */
  organization?: Organization;
  accounts?: Account[];
  /** Managed policies (customer or AWS managed), SCPs and RCPs: the default version's document. */
  policies?: ManagedPolicy[];
  users?: User[];
  groups?: Group[];
  roles?: Role[];
  /** Resource-based policies and resource tags, by resource ARN. */
  resources?: Resource[];
  /** Data of other tools keyed by their name (e.g. the store's lossless backup); the engine ignores it. */
  extensions?: Record<string, unknown>;
}

/** An AWS Organizations-style organization: one root, nested OUs, member accounts. */
export interface Organization {
  /** Organization id, `o-` followed by 10-32 lowercase letters or digits. */
  id: string;
  /** The management account: SCPs and RCPs never apply to it. */
  managementAccountId: string;
  root: OrgNode;
  /** Organizational units; `parentId` is the root id or another OU id (at most 5 levels deep). */
  units?: OrganizationalUnit[];
}

/** A node of the organization tree with its policy attachments (policy ARNs). */
export interface OrgNode {
  id: string;
  scps?: string[];
  rcps?: string[];
}

export interface OrganizationalUnit extends OrgNode {
  name?: string;
  parentId: string;
}

/** An account; `parentId` places it in the organization (root or OU id), absent for standalone accounts. */
export interface Account {
  /** 12-digit account id. */
  id: string;
  name?: string;
  parentId?: string;
  scps?: string[];
  rcps?: string[];
}

/** What a managed policy is used as. */
export type ManagedPolicyKind = 'identity' | 'scp' | 'rcp';

/** A managed policy; identified by its ARN everywhere in the snapshot. */
export interface ManagedPolicy {
  arn: string;
  kind?: ManagedPolicyKind;
  name?: string;
  document: PolicyDocument;
}

/** A policy embedded in one user, group or role. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/** Fields shared by users and roles. */
export interface PrincipalCommon {
  /** `arn:aws:iam::ACCOUNT:user/PATH/NAME` or `arn:aws:iam::ACCOUNT:role/PATH/NAME`. */
  arn: string;
  managedPolicies?: string[];
  inlinePolicies?: InlinePolicy[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundary?: string;
  tags?: Tags;
}

export interface User extends PrincipalCommon {
  /** Unique id (`AIDA...`), the value of `aws:userid`. */
  userId?: string;
  /** Group ARNs the user belongs to. */
  groups?: string[];
}

export interface Group {
  arn: string;
  groupId?: string;
  managedPolicies?: string[];
  inlinePolicies?: InlinePolicy[];
}

export interface Role extends PrincipalCommon {
  /** Unique id (`AROA...`); `aws:userid` of a session is `ROLEID:SESSIONNAME`. */
  roleId?: string;
  /** The role's trust policy: the resource policy of the role ARN. */
  trustPolicy: PolicyDocument;
  /** Seconds, 3600..43200; default 3600. */
  maxSessionDuration?: number;
  /** Service-linked roles are never restricted by SCPs. */
  serviceLinked?: boolean;
}

/** A resource with a resource-based policy and/or tags. */
export interface Resource {
  arn: string;
  /** Owning account when the ARN has no account field (S3 buckets, for example). */
  accountId?: string;
  policy?: PolicyDocument;
  tags?: Tags;
}
