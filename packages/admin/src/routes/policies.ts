// Routes of customer managed policies: create, versions, default version, usage, delete (only when unattached).

import type { PolicyRecord } from '@iam/store';
import { iamArn } from '../arns.ts';
import { noSuchEntity } from '../errors.ts';
import type { RouteSpec } from '../http/route.ts';
import { accountIdSchema, arnSchema, descriptionSchema, entity, iamName, listOf, object, pageOf, pathPageQuery, pathSchema, policyDocumentSchema, ref, text } from '../http/schemas.ts';
import { allOf, pageOptions, type RouteContext } from './context.ts';

const TAG = 'policies';
const acct = { accountId: accountIdSchema };
const params = { policyArn: arnSchema };
const versionParams = { ...params, versionId: text(16, '^v[1-9][0-9]*$') };

/** Managed policy routes: create/list per account, the rest by (URL-encoded) policy ARN. */
export function policyRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  /** The identity policy with that ARN (SCPs and RCPs live under `/scps`). */
  const get = async (arn: string): Promise<PolicyRecord> => {
    const p = await store.getPolicy(arn);
    if (p.kind !== 'identity') throw noSuchEntity(`managed policy \`${arn}\` does not exist`);
    return p;
  };
  const resource = ({ params: p }: { params: Record<string, string> }) => p.policyArn;
  return [
    {
      method: 'post', path: '/accounts/:accountId/policies', operationId: 'CreatePolicy', tag: TAG, summary: 'Create a managed policy (its version v1 is the default)',
      action: 'iam:CreatePolicy', resource: ({ params: p, body }) => iamArn(p.accountId, 'policy', body.policyName, body.path ?? '/'), params: acct, write: true,
      body: object({ policyName: iamName(ctx.names.policyNameMax), path: pathSchema, description: descriptionSchema, document: policyDocumentSchema }, ['policyName', 'document']),
      response: { status: 201, schema: entity('policy', 'Policy') }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => {
        const w = await write((o) => store.createPolicy({ accountId: p.accountId, name: body.policyName, path: body.path, description: body.description, document: body.document }, o));
        return { status: 201, body: { policy: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/accounts/:accountId/policies', operationId: 'ListPolicies', tag: TAG, summary: 'List an account\'s managed policies, optionally under a path prefix',
      action: 'iam:ListPolicies', resource: ({ params: p }) => allOf(p.accountId, 'policy'), params: acct,
      query: pathPageQuery(ctx.maxPageSize),
      response: { schema: pageOf('Policy') },
      handler: async ({ params: p, query }) => ({ body: { ...(await store.listPolicies({ ...pageOptions(ctx, query), accountId: p.accountId, kind: 'identity' })) } }),
    },
    {
      method: 'get', path: '/policies/:policyArn', operationId: 'GetPolicy', tag: TAG, summary: 'One managed policy with its default document',
      action: 'iam:GetPolicy', resource, params,
      response: { schema: entity('policy', 'Policy') },
      handler: async ({ params: p }) => ({ body: { policy: await get(p.policyArn) } }),
    },
    {
      method: 'delete', path: '/policies/:policyArn', operationId: 'DeletePolicy', tag: TAG, summary: 'Delete a managed policy and all its versions; refused while attached or used as a boundary',
      action: 'iam:DeletePolicy', resource, params, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => {
        await get(p.policyArn);
        return { body: {}, revision: (await write((o) => store.deletePolicy(p.policyArn, o))).revision };
      },
    },
    {
      method: 'get', path: '/policies/:policyArn/usage', operationId: 'ListEntitiesForPolicy', tag: TAG, summary: 'Users, groups and roles a policy is attached to or bounds',
      action: 'iam:ListEntitiesForPolicy', resource, params,
      response: { schema: object({ usage: ref('PolicyUsage') }, ['usage']) },
      handler: async ({ params: p }) => {
        await get(p.policyArn);
        return { body: { usage: await store.getPolicyUsage(p.policyArn) } };
      },
    },
    {
      method: 'get', path: '/policies/:policyArn/versions', operationId: 'ListPolicyVersions', tag: TAG, summary: 'Versions of a managed policy, newest first',
      action: 'iam:ListPolicyVersions', resource, params,
      response: { schema: listOf('PolicyVersion') },
      handler: async ({ params: p }) => {
        await get(p.policyArn);
        return { body: { items: await store.listPolicyVersions(p.policyArn) } };
      },
    },
    {
      method: 'post', path: '/policies/:policyArn/versions', operationId: 'CreatePolicyVersion', tag: TAG, summary: 'Add a version (at most the configured number per policy)',
      action: 'iam:CreatePolicyVersion', resource, params, write: true,
      body: object({ document: policyDocumentSchema, setAsDefault: { type: 'boolean' } }, ['document']),
      response: { status: 201, schema: entity('version', 'PolicyVersion') }, errors: ['malformed_policy_document'],
      handler: async ({ params: p, body, write }) => {
        await get(p.policyArn);
        const w = await write((o) => store.createPolicyVersion(p.policyArn, { document: body.document, setAsDefault: body.setAsDefault }, o));
        return { status: 201, body: { version: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/policies/:policyArn/versions/:versionId', operationId: 'GetPolicyVersion', tag: TAG, summary: 'One version of a managed policy',
      action: 'iam:GetPolicyVersion', resource, params: versionParams,
      response: { schema: entity('version', 'PolicyVersion') },
      handler: async ({ params: p }) => {
        await get(p.policyArn);
        return { body: { version: await store.getPolicyVersion(p.policyArn, p.versionId) } };
      },
    },
    {
      method: 'delete', path: '/policies/:policyArn/versions/:versionId', operationId: 'DeletePolicyVersion', tag: TAG, summary: 'Delete a version other than the default',
      action: 'iam:DeletePolicyVersion', resource, params: versionParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => {
        await get(p.policyArn);
        return { body: {}, revision: (await write((o) => store.deletePolicyVersion(p.policyArn, p.versionId, o))).revision };
      },
    },
    {
      method: 'put', path: '/policies/:policyArn/default-version', operationId: 'SetDefaultPolicyVersion', tag: TAG, summary: 'Make a version the default (the one in force)',
      action: 'iam:SetDefaultPolicyVersion', resource, params, write: true,
      body: object({ versionId: text(16, '^v[1-9][0-9]*$') }, ['versionId']),
      response: { schema: object({}) },
      handler: async ({ params: p, body, write }) => {
        await get(p.policyArn);
        return { body: {}, revision: (await write((o) => store.setDefaultPolicyVersion(p.policyArn, body.versionId, o))).revision };
      },
    },
  ];
}
