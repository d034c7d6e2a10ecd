// The one place this package reaches into the core: its model types and constants.
// (Imported by relative path until packages/core/src/index.ts exports them; then this file switches to `@iam/core`.)

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
} from '../../core/src/model/snapshot.ts';
export type { PolicyDocument, PolicyType, Finding } from '../../core/src/model/policy.ts';
export type { WorldChange, PutChange, DeleteChange } from '../../core/src/model/change.ts';
export type { ChangeBatch, WorldSource } from '../../core/src/model/source.ts';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../core/src/model/snapshot.ts';
