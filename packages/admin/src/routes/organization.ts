// Routes of accounts and the organization tree: the organization, its OUs, accounts and their placement.

import type { StoreTx } from '@iam/store';
import { orgArns, rootArn } from '../arns.ts';
import { ORG_NAME_MAX } from '../limits.ts';
import { ORG_ACCESS_ROLE } from '../auth/assume.ts';
import { FULL_ACCESS_DOCUMENT, FULL_ACCESS_SCP } from '../bootstrap.ts';
import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, entity, iamName, object, pageOf, pageQuery, text } from '../http/schemas.ts';
import { nodeArn, organizationArn, pageOptions, type RouteContext } from './context.ts';

const TAG = 'organization';
/** SCPs looked through for FullAWSAccess (one page). */
const MAX_SCP_SCAN = 1000;
const nodeId = text(80, '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|[0-9]{12})$');
const parentId = text(80, '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})$');
const ouId = text(80, '^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$');
const orgName = text(ORG_NAME_MAX, '^[\\x20-\\x7E]+$');
const acct = { accountId: accountIdSchema };

/** The organization, OU and account routes. */
export function organizationRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const accountArn = async (id: string) => nodeArn(ctx, id);
  return [
    {
      method: 'get', path: '/organization', operationId: 'DescribeOrganization', tag: TAG, summary: 'The organization and its root',
      action: 'organizations:DescribeOrganization', resource: () => organizationArn(ctx),
      response: { schema: entity('organization', 'Organization') },
      handler: async () => {
        const org = await store.getOrganization();
        return { body: { organization: { ...org, arn: orgArns.organization(org.managementAccountId, org.id) } } };
      },
    },
    {
      method: 'post', path: '/accounts', operationId: 'CreateAccount', tag: TAG, summary: 'Create an account under the root (or `parentId`), attach FullAWSAccess, and (unless `createAccessRole` is false) create its `OrganizationAccountAccessRole` (or `accessRoleName`) trusted by the management account',
      action: 'organizations:CreateAccount', resource: () => organizationArn(ctx), write: true,
      body: object({ id: accountIdSchema, name: orgName, parentId, accessRoleName: iamName(ctx.names.roleNameMax), createAccessRole: { type: 'boolean', description: 'default true' } }),
      response: { status: 201, schema: entity('account', 'Account') },
      // One transaction: a failure at any step (placement, SCP, role) leaves no account behind.
      handler: async ({ body, write }) => {
        const w = await write((o) => store.batch(async (tx) => {
          const org = await tx.getOrganization();
          const id = (await tx.createAccount({ id: body.id, name: body.name })).value.id;
          const moved = await tx.moveAccount(id, body.parentId ?? org.rootId);
          await attachDefaultScp(tx, id);
          if (body.createAccessRole === false) return moved.value;
          const roleName: string = body.accessRoleName ?? ORG_ACCESS_ROLE;
          await tx.createRole({ accountId: id, name: roleName, description: 'Access from the management account', trustPolicy: trustManagement(org.managementAccountId) });
          await tx.putInlinePolicy({ kind: 'role', accountId: id, name: roleName }, 'AdministratorAccess', FULL_ACCESS_DOCUMENT);
          return moved.value;
        }, o));
        return { status: 201, body: { account: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/accounts', operationId: 'ListAccounts', tag: TAG, summary: 'List accounts (optionally those directly under one parent)',
      action: 'organizations:ListAccounts', resource: () => organizationArn(ctx),
      query: { ...pageQuery(ctx.maxPageSize), parentId },
      response: { schema: pageOf('Account') },
      handler: async ({ query }) => ({ body: { ...(await store.listAccounts({ ...pageOptions(ctx, query), parentId: query.parentId })) } }),
    },
    {
      method: 'get', path: '/accounts/:accountId', operationId: 'DescribeAccount', tag: TAG, summary: 'One account',
      action: 'organizations:DescribeAccount', resource: ({ params }) => accountArn(params.accountId), params: acct,
      response: { schema: entity('account', 'Account') },
      handler: async ({ params }) => ({ body: { account: await store.getAccount(params.accountId) } }),
    },
    {
      method: 'patch', path: '/accounts/:accountId', operationId: 'UpdateAccount', tag: TAG, summary: 'Rename an account',
      action: 'organizations:UpdateAccount', resource: ({ params }) => accountArn(params.accountId), params: acct, write: true,
      body: object({ name: orgName }, ['name']),
      response: { schema: entity('account', 'Account') },
      handler: async ({ params, body, write }) => {
        const w = await write((o) => store.updateAccount(params.accountId, { name: body.name }, o));
        return { body: { account: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/accounts/:accountId', operationId: 'CloseAccount', tag: TAG,
      summary: 'Delete an account that owns nothing and is outside the organization (move it out first)',
      action: 'organizations:CloseAccount', resource: ({ params }) => accountArn(params.accountId), params: acct, write: true,
      response: { schema: object({}) },
      handler: async ({ params, write }) => ({ body: {}, revision: (await write((o) => store.deleteAccount(params.accountId, o))).revision }),
    },
    {
      method: 'post', path: '/accounts/:accountId/move', operationId: 'MoveAccount', tag: TAG,
      summary: 'Place an account under the root or an OU; `parentId: null` takes it out of the organization',
      action: 'organizations:MoveAccount', resource: ({ params }) => accountArn(params.accountId), params: acct, write: true,
      body: object({ parentId: { oneOf: [parentId, { type: 'null' }] } }, ['parentId']),
      response: { schema: entity('account', 'Account') },
      handler: async ({ params, body, write }) => {
        const w = await write((o) => store.moveAccount(params.accountId, body.parentId, o));
        return { body: { account: w.value }, revision: w.revision };
      },
    },
    {
      method: 'post', path: '/organization/ous', operationId: 'CreateOrganizationalUnit', tag: TAG, summary: 'Create an OU under the root or another OU, with FullAWSAccess attached',
      action: 'organizations:CreateOrganizationalUnit', resource: ({ body }) => nodeArn(ctx, body.parentId), write: true,
      body: object({ parentId, name: orgName }, ['parentId', 'name']),
      response: { status: 201, schema: entity('ou', 'OrganizationalUnit') },
      handler: async ({ body, write }) => {
        const w = await write((o) => store.batch(async (tx) => {
          const ou = (await tx.createOu({ parentId: body.parentId, name: body.name })).value;
          await attachDefaultScp(tx, ou.id);
          return ou;
        }, o));
        return { status: 201, body: { ou: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/organization/ous', operationId: 'ListOrganizationalUnits', tag: TAG, summary: 'List OUs (optionally the children of one parent)',
      action: 'organizations:ListOrganizationalUnitsForParent', resource: () => organizationArn(ctx),
      query: { ...pageQuery(ctx.maxPageSize), parentId },
      response: { schema: pageOf('OrganizationalUnit') },
      handler: async ({ query }) => ({ body: { ...(await store.listOus({ ...pageOptions(ctx, query), parentId: query.parentId })) } }),
    },
    {
      method: 'get', path: '/organization/ous/:ouId', operationId: 'DescribeOrganizationalUnit', tag: TAG, summary: 'One OU',
      action: 'organizations:DescribeOrganizationalUnit', resource: ({ params }) => nodeArn(ctx, params.ouId), params: { ouId },
      response: { schema: entity('ou', 'OrganizationalUnit') },
      handler: async ({ params }) => ({ body: { ou: await store.getOu(params.ouId) } }),
    },
    {
      method: 'patch', path: '/organization/ous/:ouId', operationId: 'UpdateOrganizationalUnit', tag: TAG, summary: 'Rename an OU',
      action: 'organizations:UpdateOrganizationalUnit', resource: ({ params }) => nodeArn(ctx, params.ouId), params: { ouId }, write: true,
      body: object({ name: orgName }, ['name']),
      response: { schema: entity('ou', 'OrganizationalUnit') },
      handler: async ({ params, body, write }) => {
        const w = await write((o) => store.updateOu(params.ouId, { name: body.name }, o));
        return { body: { ou: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/organization/ous/:ouId', operationId: 'DeleteOrganizationalUnit', tag: TAG, summary: 'Delete an empty OU',
      action: 'organizations:DeleteOrganizationalUnit', resource: ({ params }) => nodeArn(ctx, params.ouId), params: { ouId }, write: true,
      response: { schema: object({}) },
      handler: async ({ params, write }) => ({ body: {}, revision: (await write((o) => store.deleteOu(params.ouId, o))).revision }),
    },
    {
      method: 'get', path: '/organization/targets/:targetId/policies', operationId: 'ListPoliciesForTarget', tag: TAG,
      summary: 'SCPs (or RCPs) attached to a root, OU or account',
      action: 'organizations:ListPoliciesForTarget', resource: ({ params }) => nodeArn(ctx, params.targetId), params: { targetId: nodeId },
      query: { kind: { enum: ['scp', 'rcp'] } },
      response: { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Policy' } } }, required: ['items'], additionalProperties: false } },
      handler: async ({ params, query }) => ({ body: { items: await store.listTargetPolicies(params.targetId, query.kind ?? 'scp') } }),
    },
  ];
}

/** A trust policy letting the management account's principals (those its policies allow) assume a role. */
function trustManagement(mgmt: string): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: rootArn(mgmt) }, Action: 'sts:AssumeRole' }] };
}

/** Attaches FullAWSAccess to a new OU or account inside its batch, as AWS does (nothing when an operator removed it). */
async function attachDefaultScp(tx: StoreTx, targetId: string): Promise<void> {
  const scps = await tx.listPolicies({ kind: 'scp', limit: MAX_SCP_SCAN });
  const full = scps.items.find((p) => p.name === FULL_ACCESS_SCP);
  if (full) await tx.attachOrgPolicy(full.arn, targetId);
}

/** Schema of an organization node id (root, OU or account), for other route files. */
export const NODE_ID_SCHEMA = nodeId;
