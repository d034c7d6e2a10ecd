// Routes of IAM roles: trust policy and session duration (policies, tags and boundaries come from principal-policies.ts).

import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, arnSchema, descriptionSchema, entity, iamName, object, pageOf, pathPageQuery, pathSchema, policyDocumentSchema, tagsSchema } from '../http/schemas.ts';
import { MAX_SESSION_DURATION_MAX, MAX_SESSION_DURATION_MIN } from '../limits.ts';
import { allOf, pageOptions, principalArn, tagContext, type RouteContext } from './context.ts';
import { KINDS, newArn, principalParams, principalPolicyRoutes, taggablePrincipalRoutes } from './principal-policies.ts';

const K = KINDS.role;
const acct = { accountId: accountIdSchema };
const duration = { type: 'integer', minimum: MAX_SESSION_DURATION_MIN, maximum: MAX_SESSION_DURATION_MAX };

/** Role routes under `/accounts/{accountId}/roles`. */
export function roleRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const params = principalParams(ctx, K);
  const roleArn = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, { kind: 'role', accountId: p.accountId, name: p.roleName });
  return [
    {
      method: 'post', path: '/accounts/:accountId/roles', operationId: 'CreateRole', tag: 'roles', summary: 'Create a role with its trust policy',
      action: 'iam:CreateRole', resource: ({ params: p, body }) => newArn(K, p.accountId, body.roleName, body.path), params: acct, write: true,
      context: ({ body }) => ({ ...tagContext(body.tags), ...(body.permissionsBoundary ? { 'iam:PermissionsBoundary': body.permissionsBoundary } : {}) }),
      body: object({
        roleName: iamName(ctx.names.roleNameMax), path: pathSchema, assumeRolePolicyDocument: policyDocumentSchema,
        description: descriptionSchema, maxSessionDuration: duration, permissionsBoundary: arnSchema, tags: tagsSchema,
      }, ['roleName', 'assumeRolePolicyDocument']),
      response: { status: 201, schema: entity('role', 'Role') }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.createRole({
          accountId: p.accountId, name: body.roleName, path: body.path, trustPolicy: body.assumeRolePolicyDocument,
          description: body.description, maxSessionDuration: body.maxSessionDuration, permissionsBoundary: body.permissionsBoundary, tags: body.tags,
        }, o));
        return { status: 201, body: { role: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/accounts/:accountId/roles', operationId: 'ListRoles', tag: 'roles', summary: 'List roles, optionally under a path prefix',
      action: 'iam:ListRoles', resource: ({ params: p }) => allOf(p.accountId, 'role'), params: acct,
      query: pathPageQuery(ctx.maxPageSize),
      response: { schema: pageOf('Role') },
      handler: async ({ params: p, query }) => ({ body: { ...(await store.listRoles(p.accountId, pageOptions(ctx, query))) } }),
    },
    {
      method: 'get', path: '/accounts/:accountId/roles/:roleName', operationId: 'GetRole', tag: 'roles', summary: 'One role',
      action: 'iam:GetRole', resource: roleArn, params,
      response: { schema: entity('role', 'Role') },
      handler: async ({ params: p }) => ({ body: { role: await store.getRole(p.accountId, p.roleName) } }),
    },
    {
      method: 'patch', path: '/accounts/:accountId/roles/:roleName', operationId: 'UpdateRole', tag: 'roles', summary: 'Change the description or maximum session duration',
      action: 'iam:UpdateRole', resource: roleArn, params, write: true,
      body: object({ description: descriptionSchema, maxSessionDuration: duration }),
      response: { schema: entity('role', 'Role') },
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.updateRole(p.accountId, p.roleName, body, o));
        return { body: { role: w.value }, revision: w.revision };
      },
    },
    {
      method: 'put', path: '/accounts/:accountId/roles/:roleName/trust-policy', operationId: 'UpdateAssumeRolePolicy', tag: 'roles', summary: 'Replace the trust policy',
      action: 'iam:UpdateAssumeRolePolicy', resource: roleArn, params, write: true,
      body: object({ document: policyDocumentSchema }, ['document']),
      response: { schema: entity('role', 'Role') }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.updateTrustPolicy(p.accountId, p.roleName, body.document, o));
        return { body: { role: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/accounts/:accountId/roles/:roleName', operationId: 'DeleteRole', tag: 'roles', summary: 'Delete a role without policies',
      action: 'iam:DeleteRole', resource: roleArn, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.deleteRole(p.accountId, p.roleName, o))).revision }),
    },
    ...principalPolicyRoutes(ctx, K),
    ...taggablePrincipalRoutes(ctx, { ...K, kind: 'role' }),
  ];
}
