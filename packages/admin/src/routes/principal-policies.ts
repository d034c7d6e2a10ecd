// Routes shared by users, groups and roles: attached managed policies, inline policies, and (users, roles) tags and boundaries.

import type { PrincipalRef, TaggablePrincipalRef } from '@iam/store';
import { iamArn } from '../arns.ts';
import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, arnSchema, iamName, listOf, object, policyDocumentSchema, ref, tagsSchema, text } from '../http/schemas.ts';
import { TAG_KEY_MAX } from '../limits.ts';
import { principalArn, tagContext, type RouteContext } from './context.ts';

/** Per-kind naming: URL segment, AWS action stem, name limit. */
interface KindInfo {
  kind: PrincipalRef['kind'];
  segment: string;
  param: string;
  /** `User`, `Group`, `Role` as in `iam:AttachUserPolicy`. */
  stem: string;
  nameMax: (ctx: RouteContext) => number;
}

/** The three principal kinds. */
export const KINDS: Record<PrincipalRef['kind'], KindInfo> = {
  user: { kind: 'user', segment: 'users', param: 'userName', stem: 'User', nameMax: (c) => c.names.userNameMax },
  group: { kind: 'group', segment: 'groups', param: 'groupName', stem: 'Group', nameMax: (c) => c.names.groupNameMax },
  role: { kind: 'role', segment: 'roles', param: 'roleName', stem: 'Role', nameMax: (c) => c.names.roleNameMax },
};

/** Path parameters `accountId` and the principal's name. */
export function principalParams(ctx: RouteContext, k: KindInfo): Record<string, Record<string, unknown>> {
  return { accountId: accountIdSchema, [k.param]: iamName(k.nameMax(ctx)) };
}

/** Attached and inline policy routes of one principal kind. */
export function principalPolicyRoutes(ctx: RouteContext, k: KindInfo): RouteSpec[] {
  const { store } = ctx;
  const base = `/accounts/:accountId/${k.segment}/:${k.param}`;
  const params = principalParams(ctx, k);
  const refOf = (p: Record<string, string>): PrincipalRef => ({ kind: k.kind, accountId: p.accountId, name: p[k.param] });
  const resource = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, refOf(p));
  const inlineParams = { ...params, policyName: iamName(ctx.names.policyNameMax) };
  return [
    {
      method: 'get', path: `${base}/attached-policies`, operationId: `ListAttached${k.stem}Policies`, tag: k.segment, summary: `Managed policies attached to a ${k.kind}`,
      action: `iam:ListAttached${k.stem}Policies`, resource, params,
      response: { schema: listOf({ type: 'string' }) },
      handler: async ({ params: p }) => ({ body: { items: await store.listAttachedPolicies(refOf(p)) } }),
    },
    {
      method: 'post', path: `${base}/attached-policies`, operationId: `Attach${k.stem}Policy`, tag: k.segment, summary: `Attach a managed policy to a ${k.kind}`,
      action: `iam:Attach${k.stem}Policy`, resource, params, write: true,
      context: ({ body }) => ({ 'iam:PolicyARN': body.policyArn }),
      body: object({ policyArn: arnSchema }, ['policyArn']),
      response: { schema: object({}) },
      handler: async ({ params: p, body, write }) => ({ body: {}, revision: (await write((o) => store.attachPolicy(refOf(p), body.policyArn, o))).revision }),
    },
    {
      method: 'delete', path: `${base}/attached-policies/:policyArn`, operationId: `Detach${k.stem}Policy`, tag: k.segment, summary: `Detach a managed policy (ARN URL-encoded) from a ${k.kind}`,
      action: `iam:Detach${k.stem}Policy`, resource, params: { ...params, policyArn: arnSchema }, write: true,
      context: ({ params: p }) => ({ 'iam:PolicyARN': p.policyArn }),
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.detachPolicy(refOf(p), p.policyArn, o))).revision }),
    },
    {
      method: 'get', path: `${base}/inline-policies`, operationId: `List${k.stem}Policies`, tag: k.segment, summary: `Inline policies of a ${k.kind}`,
      action: `iam:List${k.stem}Policies`, resource, params,
      response: { schema: listOf('InlinePolicy') },
      handler: async ({ params: p }) => ({ body: { items: await store.listInlinePolicies(refOf(p)) } }),
    },
    {
      method: 'get', path: `${base}/inline-policies/:policyName`, operationId: `Get${k.stem}Policy`, tag: k.segment, summary: `One inline policy of a ${k.kind}`,
      action: `iam:Get${k.stem}Policy`, resource, params: inlineParams,
      response: { schema: object({ policy: ref('InlinePolicy') }, ['policy']) },
      handler: async ({ params: p }) => ({ body: { policy: await store.getInlinePolicy(refOf(p), p.policyName) } }),
    },
    {
      method: 'put', path: `${base}/inline-policies/:policyName`, operationId: `Put${k.stem}Policy`, tag: k.segment, summary: `Create or replace an inline policy of a ${k.kind}`,
      action: `iam:Put${k.stem}Policy`, resource, params: inlineParams, write: true,
      body: object({ document: policyDocumentSchema }, ['document']),
      response: { schema: object({}) }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => ({ body: {}, revision: (await write((o) => store.putInlinePolicy(refOf(p), p.policyName, body.document, o))).revision }),
    },
    {
      method: 'delete', path: `${base}/inline-policies/:policyName`, operationId: `Delete${k.stem}Policy`, tag: k.segment, summary: `Delete an inline policy of a ${k.kind}`,
      action: `iam:Delete${k.stem}Policy`, resource, params: inlineParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.deleteInlinePolicy(refOf(p), p.policyName, o))).revision }),
    },
  ];
}

/** Tag and permissions-boundary routes of users and roles. */
export function taggablePrincipalRoutes(ctx: RouteContext, k: KindInfo & { kind: 'user' | 'role' }): RouteSpec[] {
  const { store } = ctx;
  const base = `/accounts/:accountId/${k.segment}/:${k.param}`;
  const params = principalParams(ctx, k);
  const refOf = (p: Record<string, string>): TaggablePrincipalRef => ({ kind: k.kind, accountId: p.accountId, name: p[k.param] });
  const resource = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, refOf(p));
  const get = async (p: Record<string, string>) => (k.kind === 'user' ? store.getUser(p.accountId, p[k.param]) : store.getRole(p.accountId, p[k.param]));
  return [
    {
      method: 'get', path: `${base}/tags`, operationId: `List${k.stem}Tags`, tag: k.segment, summary: `Tags of a ${k.kind}`,
      action: `iam:List${k.stem}Tags`, resource, params,
      response: { schema: object({ tags: { type: 'object', additionalProperties: { type: 'string' } } }, ['tags']) },
      handler: async ({ params: p }) => ({ body: { tags: (await get(p)).tags } }),
    },
    {
      method: 'post', path: `${base}/tags`, operationId: `Tag${k.stem}`, tag: k.segment, summary: `Add or overwrite tags of a ${k.kind}`,
      action: `iam:Tag${k.stem}`, resource, params, write: true,
      context: ({ body }) => tagContext(body.tags),
      body: object({ tags: tagsSchema }, ['tags']),
      response: { schema: object({}) },
      handler: async ({ params: p, body, write }) => ({ body: {}, revision: (await write((o) => store.tagPrincipal(refOf(p), body.tags, o))).revision }),
    },
    {
      method: 'delete', path: `${base}/tags`, operationId: `Untag${k.stem}`, tag: k.segment, summary: `Remove tags (\`tagKeys\`, repeated) from a ${k.kind}`,
      action: `iam:Untag${k.stem}`, resource, params, write: true,
      context: ({ query }) => ({ 'aws:TagKeys': query.tagKeys }),
      query: { tagKeys: { type: 'array', items: text(TAG_KEY_MAX), minItems: 1, maxItems: 50 } }, queryRequired: ['tagKeys'],
      response: { schema: object({}) },
      handler: async ({ params: p, query, write }) => ({ body: {}, revision: (await write((o) => store.untagPrincipal(refOf(p), query.tagKeys, o))).revision }),
    },
    {
      method: 'put', path: `${base}/permissions-boundary`, operationId: `Put${k.stem}PermissionsBoundary`, tag: k.segment, summary: `Set the permissions boundary of a ${k.kind}`,
      action: `iam:Put${k.stem}PermissionsBoundary`, resource, params, write: true,
      context: ({ body }) => ({ 'iam:PermissionsBoundary': body.policyArn }),
      body: object({ policyArn: arnSchema }, ['policyArn']),
      response: { schema: object({}) },
      handler: async ({ params: p, body, write }) => ({ body: {}, revision: (await write((o) => store.setPermissionsBoundary(refOf(p), body.policyArn, o))).revision }),
    },
    {
      method: 'delete', path: `${base}/permissions-boundary`, operationId: `Delete${k.stem}PermissionsBoundary`, tag: k.segment, summary: `Remove the permissions boundary of a ${k.kind}`,
      action: `iam:Delete${k.stem}PermissionsBoundary`, resource, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.setPermissionsBoundary(refOf(p), null, o))).revision }),
    },
  ];
}

/** The ARN a create request will produce (its resource before it exists). */
export function newArn(k: KindInfo, accountId: string, name: string, path?: string): string {
  return iamArn(accountId, k.kind, name, path ?? '/');
}
