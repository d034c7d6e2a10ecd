// Routes of IAM users and their group memberships (policies, tags and boundaries come from principal-policies.ts).

import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, arnSchema, entity, iamName, listOf, object, pageOf, pathPageQuery, pathSchema, tagsSchema } from '../http/schemas.ts';
import { allOf, pageOptions, principalArn, tagContext, type RouteContext } from './context.ts';
import { KINDS, newArn, principalParams, principalPolicyRoutes, taggablePrincipalRoutes } from './principal-policies.ts';

const K = KINDS.user;
const acct = { accountId: accountIdSchema };

/** User routes under `/accounts/{accountId}/users`. */
export function userRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const params = principalParams(ctx, K);
  const userArn = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, { kind: 'user', accountId: p.accountId, name: p.userName });
  return [
    {
      method: 'post', path: '/accounts/:accountId/users', operationId: 'CreateUser', tag: 'users', summary: 'Create a user',
      action: 'iam:CreateUser', resource: ({ params: p, body }) => newArn(K, p.accountId, body.userName, body.path), params: acct, write: true,
      context: ({ body }) => ({ ...tagContext(body.tags), ...(body.permissionsBoundary ? { 'iam:PermissionsBoundary': body.permissionsBoundary } : {}) }),
      body: object({ userName: iamName(ctx.names.userNameMax), path: pathSchema, permissionsBoundary: arnSchema, tags: tagsSchema }, ['userName']),
      response: { status: 201, schema: entity('user', 'User') },
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.createUser({ accountId: p.accountId, name: body.userName, path: body.path, permissionsBoundary: body.permissionsBoundary, tags: body.tags }, o));
        return { status: 201, body: { user: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/accounts/:accountId/users', operationId: 'ListUsers', tag: 'users', summary: 'List users, optionally under a path prefix',
      action: 'iam:ListUsers', resource: ({ params: p }) => allOf(p.accountId, 'user'), params: acct,
      query: pathPageQuery(ctx.maxPageSize),
      response: { schema: pageOf('User') },
      handler: async ({ params: p, query }) => ({ body: { ...(await store.listUsers(p.accountId, pageOptions(ctx, query))) } }),
    },
    {
      method: 'get', path: '/accounts/:accountId/users/:userName', operationId: 'GetUser', tag: 'users', summary: 'One user',
      action: 'iam:GetUser', resource: userArn, params,
      response: { schema: entity('user', 'User') },
      handler: async ({ params: p }) => ({ body: { user: await store.getUser(p.accountId, p.userName) } }),
    },
    {
      method: 'delete', path: '/accounts/:accountId/users/:userName', operationId: 'DeleteUser', tag: 'users',
      summary: 'Delete a user without access keys, groups or policies',
      action: 'iam:DeleteUser', resource: userArn, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.deleteUser(p.accountId, p.userName, o))).revision }),
    },
    {
      method: 'get', path: '/accounts/:accountId/users/:userName/groups', operationId: 'ListGroupsForUser', tag: 'users', summary: 'Groups a user belongs to',
      action: 'iam:ListGroupsForUser', resource: userArn, params,
      response: { schema: listOf('Group') },
      handler: async ({ params: p }) => ({ body: { items: await store.listGroupsForUser(p.accountId, p.userName) } }),
    },
    ...principalPolicyRoutes(ctx, K),
    ...taggablePrincipalRoutes(ctx, { ...K, kind: 'user' }),
  ];
}
