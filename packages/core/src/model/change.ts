// Incremental changes to a loaded world: what the store's change feed carries and `Engine.apply` takes.

import type { Account, Group, ManagedPolicy, Organization, OrganizationalUnit, Resource, Role, User } from './snapshot.ts';

/** Replace-or-insert of one entity (the whole entity: its attachments and tags included). */
export type PutChange =
  | { op: 'put'; kind: 'organization'; value: Organization }
  | { op: 'put'; kind: 'ou'; value: OrganizationalUnit }
  | { op: 'put'; kind: 'account'; value: Account }
  | { op: 'put'; kind: 'policy'; value: ManagedPolicy }
  | { op: 'put'; kind: 'user'; value: User }
  | { op: 'put'; kind: 'group'; value: Group }
  | { op: 'put'; kind: 'role'; value: Role }
  | { op: 'put'; kind: 'resource'; value: Resource };

/** Removal of one entity by its key (`id` for organization, OUs and accounts, `arn` for the rest). */
export interface DeleteChange {
  op: 'delete';
  kind: 'organization' | 'ou' | 'account' | 'policy' | 'user' | 'group' | 'role' | 'resource';
  key: string;
}

/** One change to the world. */
export type WorldChange = PutChange | DeleteChange;
