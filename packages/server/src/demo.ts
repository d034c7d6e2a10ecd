// The demo world, written through the store API (validation, revisions, change feed, audit) into a store that has none.

import type { PolicyDocument } from '@iam/core';
import { NoSuchEntityError, type AuditInput, type Store, type WriteOptions } from '@iam/store';
import { DEMO_ACCOUNT_ID } from './config.ts';

/** Caller recorded in the audit log for the demo's writes. */
export const DEMO_CALLER = 'iam-server:demo';
/** Name of the SCP a new member account gets, as the admin plane and AWS attach it. */
export const FULL_ACCESS_SCP = 'FullAWSAccess';
/** Most SCPs scanned for FullAWSAccess. */
const MAX_SCP_SCAN = 1000;

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

async function accountExists(store: Store, id: string): Promise<boolean> {
  try {
    await store.getAccount(id);
    return true;
  } catch (err) {
    if (err instanceof NoSuchEntityError) return false;
    throw err;
  }
}

/** Creates the demo account as a member under the root with FullAWSAccess, as `POST /v1/accounts` does. */
async function createMemberAccount(store: Store, id: string): Promise<void> {
  const org = await store.getOrganization();
  await store.createAccount({ id, name: 'demo' }, audit('organizations:CreateAccount', { id, name: 'demo' }));
  await store.moveAccount(id, org.rootId, audit('organizations:MoveAccount', { accountId: id, parentId: org.rootId }));
  const scps = await store.listPolicies({ kind: 'scp', limit: MAX_SCP_SCAN });
  const full = scps.items.find((p) => p.name === FULL_ACCESS_SCP);
  if (full) await store.attachOrgPolicy(full.arn, id, audit('organizations:AttachPolicy', { policyId: full.policyId, targetId: id }));
}

/** True when the demo account holds any user (the bootstrap creates root keys, not users). */
async function hasUsers(store: Store, account: string): Promise<boolean> {
  const page = await store.listUsers(account, { limit: 1 });
  return page.items.length > 0;
}

/**
 * Seeds the demo world into account 111122223333 (created as a member account when the bootstrap made another one
 * the management account), unless that account already has users.
 */
export async function seedDemo(store: Store): Promise<DemoResult> {
  const account = DEMO.accountId;
  if (await accountExists(store, account)) {
    if (await hasUsers(store, account)) return { seeded: false, accountId: account, revision: await store.currentRevision() };
  } else {
    await createMemberAccount(store, account);
  }
  const docs = demoDocuments(account);
  const group = { kind: 'group' as const, accountId: account, name: DEMO.group };
  const alice = { kind: 'user' as const, accountId: account, name: DEMO.users.alice };
  const bob = { kind: 'user' as const, accountId: account, name: DEMO.users.bob };
  const role = { kind: 'role' as const, accountId: account, name: DEMO.role };

  const policy = await store.createPolicy(
    { accountId: account, name: DEMO.readPolicy, description: 'Read orders', document: docs.ordersRead },
    audit('iam:CreatePolicy', { accountId: account, policyName: DEMO.readPolicy }),
  );
  await store.createGroup({ accountId: account, name: DEMO.group }, audit('iam:CreateGroup', { accountId: account, groupName: DEMO.group }));
  await store.attachPolicy(group, policy.value.arn, audit('iam:AttachGroupPolicy', { groupName: DEMO.group, policyArn: policy.value.arn }));
  await store.createUser({ accountId: account, name: alice.name }, audit('iam:CreateUser', { accountId: account, userName: alice.name }));
  await store.addUserToGroup(account, alice.name, DEMO.group, audit('iam:AddUserToGroup', { userName: alice.name, groupName: DEMO.group }));
  await store.createUser({ accountId: account, name: bob.name }, audit('iam:CreateUser', { accountId: account, userName: bob.name }));
  await store.putInlinePolicy(bob, 'OrdersAdmin', docs.bob, audit('iam:PutUserPolicy', { userName: bob.name, policyName: 'OrdersAdmin' }));
  await store.createRole(
    { accountId: account, name: role.name, description: 'Read-only auditing, assumable by alice', trustPolicy: docs.trust },
    audit('iam:CreateRole', { accountId: account, roleName: role.name }),
  );
  await store.putInlinePolicy(role, 'ReadOnly', docs.auditorRead, audit('iam:PutRolePolicy', { roleName: role.name, policyName: 'ReadOnly' }));
  const shared = await store.putResourcePolicy(DEMO.sharedOrder, docs.shared, { accountId: account }, audit('orders:PutResourcePolicy', { resourceArn: DEMO.sharedOrder }));
  return { seeded: true, accountId: account, revision: shared.revision };
}
