// Routes of accounts and the organization tree: the organization, its OUs, accounts and their placement.

import { orgArns } from '../arns.ts';
import { ORG_NAME_MAX } from '../limits.ts';
import { attachDefaultScp, createMemberAccount } from '../member-account.ts';
import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, entity, iamName, object, pageOf, pageQuery, text } from '../http/schemas.ts';
import { nodeArn, organizationArn, pageOptions, type RouteContext } from './context.ts';

const TAG = 'organization';
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
      handler: async ({ body, write }) => {
        const input = { id: body.id, name: body.name, parentId: body.parentId, accessRole: body.createAccessRole === false ? false : body.accessRoleName };
        const w = await write((o) => createMemberAccount(store, input, o));
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

/** Schema of an organization node id (root, OU or account), for other route files. */
export const NODE_ID_SCHEMA = nodeId;
