// The demo world, written through the store API (validation, revisions, change feed, audit) in one batch into a store that has none.

import { createMemberAccount } from '@iam/admin';
import type { PolicyDocument } from '@iam/core';
import { NoSuchEntityError, type AuditInput, type Store, type StoreTx, type WriteOptions } from '@iam/store';
import { DEMO_ACCOUNT_ID } from './config.ts';

/** Caller recorded in the audit log for the demo's writes. */
export const DEMO_CALLER = 'iam-server:demo';

/** The demo's names, for the try script, the tests and the README. */
export const DEMO = {
  accountId: DEMO_ACCOUNT_ID,
  group: 'developers',
  readPolicy: 'OrdersRead',
  users: { alice: 'alice', bob: 'bob' },
  role: 'auditor',
  /** The order bob may use through its resource policy. */
  sharedOrder: `arn:aws:orders:eu-west-1:${DEMO_ACCOUNT_ID}:order/shared`,
  /** Sids the try script and the tests point at. */
  sids: { read: 'ReadOrders', manage: 'ManageOrders', mfaDelete: 'DenyDeleteWithoutMfa', share: 'ShareWithBob', trust: 'AliceMayAudit' },
} as const;

/** What seeding did. */
export interface DemoResult {
  /** False when the store already had a demo (or other) user in the demo account: nothing was written. */
  seeded: boolean;
  accountId: string;
  /** The store revision after seeding (or as found). */
  revision: number;
}

const V = '2012-10-17';
const ordersArn = (account: string) => `arn:aws:orders:*:${account}:order/*`;
const iam = (account: string, what: string) => `arn:aws:iam::${account}:${what}`;

/** The demo's policy documents for `account`. */
export function demoDocuments(account: string): Record<'ordersRead' | 'bob' | 'trust' | 'auditorRead' | 'shared', PolicyDocument> {
  return {
    ordersRead: { Version: V, Statement: [{ Sid: DEMO.sids.read, Effect: 'Allow', Action: ['orders:Get*', 'orders:List*'], Resource: ordersArn(account) }] },
    bob: {
      Version: V,
      Statement: [
        { Sid: DEMO.sids.manage, Effect: 'Allow', Action: 'orders:*', Resource: ordersArn(account) },
        // The pattern of the AWS documentation: deny unless MFA is present (a missing key counts as no MFA).
        { Sid: DEMO.sids.mfaDelete, Effect: 'Deny', Action: 'orders:DeleteOrder', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ],
    },
    trust: { Version: V, Statement: [{ Sid: DEMO.sids.trust, Effect: 'Allow', Principal: { AWS: iam(account, 'user/alice') }, Action: 'sts:AssumeRole' }] },
    auditorRead: { Version: V, Statement: [{ Sid: 'ReadOnly', Effect: 'Allow', Action: ['orders:Get*', 'orders:List*', 'orders:Describe*'], Resource: '*' }] },
    shared: {
      Version: V,
      Statement: [{
        Sid: DEMO.sids.share, Effect: 'Allow', Principal: { AWS: iam(account, 'user/bob') },
        Action: ['orders:GetOrder', 'orders:UpdateOrder'], Resource: DEMO.sharedOrder,
      }],
    },
  };
}

function audit(action: string, parameters: Record<string, unknown>): WriteOptions {
  const entry: AuditInput = { caller: DEMO_CALLER, action, parameters };
  return { audit: entry };
}

async function accountExists(tx: StoreTx, id: string): Promise<boolean> {
  try {
    await tx.getAccount(id);
    return true;
  } catch (err) {
    if (err instanceof NoSuchEntityError) return false;
    throw err;
  }
}

/** True when the account holds any user (the bootstrap creates root keys, not users). */
async function hasUsers(tx: StoreTx, account: string): Promise<boolean> {
  const page = await tx.listUsers(account, { limit: 1 });
  return page.items.length > 0;
}

/**
 * Seeds the demo world into account 111122223333 (created as a member account when the bootstrap made another one
 * the management account), unless that account already has users. One batch: a start that fails or crashes part way
 * leaves nothing, so the next start seeds again; the check runs inside it, so of racing replicas one seeds.
 */
export async function seedDemo(store: Store): Promise<DemoResult> {
  const { value: seeded, revision } = await store.batch((tx) => seedInBatch(tx, DEMO.accountId));
  return { seeded, accountId: DEMO.accountId, revision };
}

/** The demo's writes, inside the batch; false (nothing written) when the account already has users. */
async function seedInBatch(tx: StoreTx, account: string): Promise<boolean> {
  const exists = await accountExists(tx, account);
  if (exists && (await hasUsers(tx, account))) return false;
  // as the demo always did, without the admin plane's default OrganizationAccountAccessRole
  if (!exists) await createMemberAccount(tx, { id: account, name: 'demo', accessRole: false }, audit('organizations:CreateAccount', { id: account, name: 'demo' }));
  const docs = demoDocuments(account);
  const group = { kind: 'group' as const, accountId: account, name: DEMO.group };
  const alice = { kind: 'user' as const, accountId: account, name: DEMO.users.alice };
  const bob = { kind: 'user' as const, accountId: account, name: DEMO.users.bob };
  const role = { kind: 'role' as const, accountId: account, name: DEMO.role };

  const policy = await tx.createPolicy(
    { accountId: account, name: DEMO.readPolicy, description: 'Read orders', document: docs.ordersRead },
    audit('iam:CreatePolicy', { accountId: account, policyName: DEMO.readPolicy }),
  );
  await tx.createGroup({ accountId: account, name: DEMO.group }, audit('iam:CreateGroup', { accountId: account, groupName: DEMO.group }));
  await tx.attachPolicy(group, policy.value.arn, audit('iam:AttachGroupPolicy', { groupName: DEMO.group, policyArn: policy.value.arn }));
  await tx.createUser({ accountId: account, name: alice.name }, audit('iam:CreateUser', { accountId: account, userName: alice.name }));
  await tx.addUserToGroup(account, alice.name, DEMO.group, audit('iam:AddUserToGroup', { userName: alice.name, groupName: DEMO.group }));
  await tx.createUser({ accountId: account, name: bob.name }, audit('iam:CreateUser', { accountId: account, userName: bob.name }));
  await tx.putInlinePolicy(bob, 'OrdersAdmin', docs.bob, audit('iam:PutUserPolicy', { userName: bob.name, policyName: 'OrdersAdmin' }));
  await tx.createRole(
    { accountId: account, name: role.name, description: 'Read-only auditing, assumable by alice', trustPolicy: docs.trust },
    audit('iam:CreateRole', { accountId: account, roleName: role.name }),
  );
  await tx.putInlinePolicy(role, 'ReadOnly', docs.auditorRead, audit('iam:PutRolePolicy', { roleName: role.name, policyName: 'ReadOnly' }));
  await tx.putResourcePolicy(DEMO.sharedOrder, docs.shared, { accountId: account }, audit('orders:PutResourcePolicy', { resourceArn: DEMO.sharedOrder }));
  return true;
}
