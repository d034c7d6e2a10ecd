// The one place this package reaches into the core: its model types, constants and the policy validator.

export type {
  Account,
  Group,
  InlinePolicy,
  ManagedPolicy,
  ManagedPolicyKind,
  Organization,
  OrganizationalUnit,
  OrgNode,
  Resource,
  Role,
  Tags,
  User,
  WorldSnapshot,
} from '@iam/core';
export type { PolicyDocument, PolicyType, Finding } from '@iam/core';
export type { WorldChange, PutChange, DeleteChange } from '@iam/core';
export type { ChangeBatch, WorldSource } from '@iam/core';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '@iam/core';
export { validatePolicy, hasErrors } from '@iam/core';
