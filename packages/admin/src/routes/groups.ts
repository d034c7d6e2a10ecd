// Routes of IAM groups and their members (policies come from principal-policies.ts).

import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, entity, iamName, object, pageOf, pathPageQuery, pathSchema } from '../http/schemas.ts';
import { allOf, pageOptions, principalArn, type RouteContext } from './context.ts';
import { KINDS, newArn, principalParams, principalPolicyRoutes } from './principal-policies.ts';

const K = KINDS.group;
const acct = { accountId: accountIdSchema };

/** Group routes under `/accounts/{accountId}/groups`. */
export function groupRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const params = principalParams(ctx, K);
  const memberParams = { ...params, userName: iamName(ctx.names.userNameMax) };
  const groupArn = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, { kind: 'group', accountId: p.accountId, name: p.groupName });
  return [
    {
      method: 'post', path: '/accounts/:accountId/groups', operationId: 'CreateGroup', tag: 'groups', summary: 'Create a group',
      action: 'iam:CreateGroup', resource: ({ params: p, body }) => newArn(K, p.accountId, body.groupName, body.path), params: acct, write: true,
      body: object({ groupName: iamName(ctx.names.groupNameMax), path: pathSchema }, ['groupName']),
      response: { status: 201, schema: entity('group', 'Group') },
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.createGroup({ accountId: p.accountId, name: body.groupName, path: body.path }, o));
        return { status: 201, body: { group: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/accounts/:accountId/groups', operationId: 'ListGroups', tag: 'groups', summary: 'List groups, optionally under a path prefix',
      action: 'iam:ListGroups', resource: ({ params: p }) => allOf(p.accountId, 'group'), params: acct,
      query: pathPageQuery(ctx.maxPageSize),
      response: { schema: pageOf('Group') },
      handler: async ({ params: p, query }) => ({ body: { ...(await store.listGroups(p.accountId, pageOptions(ctx, query))) } }),
    },
    {
      method: 'get', path: '/accounts/:accountId/groups/:groupName', operationId: 'GetGroup', tag: 'groups', summary: 'One group',
      action: 'iam:GetGroup', resource: groupArn, params,
      response: { schema: entity('group', 'Group') },
      handler: async ({ params: p }) => ({ body: { group: await store.getGroup(p.accountId, p.groupName) } }),
    },
    {
      method: 'delete', path: '/accounts/:accountId/groups/:groupName', operationId: 'DeleteGroup', tag: 'groups', summary: 'Delete a group without members or policies',
      action: 'iam:DeleteGroup', resource: groupArn, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.deleteGroup(p.accountId, p.groupName, o))).revision }),
    },
    {
      method: 'get', path: '/accounts/:accountId/groups/:groupName/members', operationId: 'ListGroupMembers', tag: 'groups', summary: 'Users in a group',
      action: 'iam:GetGroup', resource: groupArn, params, query: pathPageQuery(ctx.maxPageSize),
      response: { schema: pageOf('User') },
      handler: async ({ params: p, query }) => ({ body: { ...(await store.listGroupMembers(p.accountId, p.groupName, pageOptions(ctx, query))) } }),
    },
    {
      method: 'put', path: '/accounts/:accountId/groups/:groupName/members/:userName', operationId: 'AddUserToGroup', tag: 'groups', summary: 'Add a user to a group',
      action: 'iam:AddUserToGroup', resource: groupArn, params: memberParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.addUserToGroup(p.accountId, p.userName, p.groupName, o))).revision }),
    },
    {
      method: 'delete', path: '/accounts/:accountId/groups/:groupName/members/:userName', operationId: 'RemoveUserFromGroup', tag: 'groups', summary: 'Remove a user from a group',
      action: 'iam:RemoveUserFromGroup', resource: groupArn, params: memberParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.removeUserFromGroup(p.accountId, p.userName, p.groupName, o))).revision }),
    },
    ...principalPolicyRoutes(ctx, K),
  ];
}
