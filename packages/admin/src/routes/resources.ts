// Routes of resource-based policies and resource tags, by (URL-encoded) resource ARN.

import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, arnSchema, entity, object, pageOf, pageQuery, policyDocumentSchema, tagsSchema, text } from '../http/schemas.ts';
import { TAG_KEY_MAX } from '../limits.ts';
import { pageOptions, tagContext, type RouteContext } from './context.ts';

const TAG = 'resources';
const params = { resourceArn: arnSchema };

/** Resource routes under `/resources`. */
export function resourceRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const resource = ({ params: p }: { params: Record<string, string> }) => p.resourceArn;
  return [
    {
      method: 'get', path: '/resources', operationId: 'ListResources', tag: TAG, summary: 'Resources with a policy or tags, optionally by ARN prefix and owning account',
      action: 'iam:ListResources', resource: () => '*',
      query: { ...pageQuery(ctx.maxPageSize), arnPrefix: text(2048, '^arn:'), accountId: accountIdSchema },
      response: { schema: pageOf('Resource') },
      handler: async ({ query }) => {
        const page = await store.listResources({ ...pageOptions(ctx, query), pathPrefix: query.arnPrefix, accountId: query.accountId });
        return { body: { ...page } };
      },
    },
    {
      method: 'get', path: '/resources/:resourceArn', operationId: 'GetResource', tag: TAG, summary: 'A resource\'s policy and tags',
      action: 'iam:GetResourcePolicy', resource, params,
      response: { schema: entity('resource', 'Resource') },
      handler: async ({ params: p }) => ({ body: { resource: await store.getResource(p.resourceArn) } }),
    },
    {
      method: 'put', path: '/resources/:resourceArn/policy', operationId: 'PutResourcePolicy', tag: TAG, summary: 'Create or replace a resource-based policy',
      action: 'iam:PutResourcePolicy', resource, params, write: true,
      body: object({ document: policyDocumentSchema, accountId: accountIdSchema }, ['document']),
      response: { schema: entity('resource', 'Resource') }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.putResourcePolicy(p.resourceArn, body.document, { accountId: body.accountId }, o));
        return { body: { resource: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/resources/:resourceArn/policy', operationId: 'DeleteResourcePolicy', tag: TAG, summary: 'Remove a resource-based policy',
      action: 'iam:DeleteResourcePolicy', resource, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await write((o) => store.deleteResourcePolicy(p.resourceArn, o))).revision }),
    },
    {
      method: 'post', path: '/resources/:resourceArn/tags', operationId: 'TagResource', tag: TAG, summary: 'Add or overwrite tags of a resource',
      action: 'iam:TagResource', resource, params, write: true,
      context: ({ body }) => tagContext(body.tags),
      body: object({ tags: tagsSchema, accountId: accountIdSchema }, ['tags']),
      response: { schema: entity('resource', 'Resource') },
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.tagResource(p.resourceArn, body.tags, { accountId: body.accountId }, o));
        return { body: { resource: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/resources/:resourceArn/tags', operationId: 'UntagResource', tag: TAG, summary: 'Remove tags (`tagKeys`, repeated) from a resource',
      action: 'iam:UntagResource', resource, params, write: true,
      context: ({ query }) => ({ 'aws:TagKeys': query.tagKeys }),
      query: { tagKeys: { type: 'array', items: text(TAG_KEY_MAX), minItems: 1, maxItems: 50 } }, queryRequired: ['tagKeys'],
      response: { schema: object({}) },
      handler: async ({ params: p, query, write }) => ({ body: {}, revision: (await write((o) => store.untagResource(p.resourceArn, query.tagKeys, o))).revision }),
    },
  ];
}
