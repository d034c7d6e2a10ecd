// Routes of service control policies (and RCPs): CRUD, attach, detach and their targets.

import { isStoreError, type PolicyRecord } from '@iam/store';
import { orgArns } from '../arns.ts';
import { AdminError, noSuchEntity } from '../errors.ts';
import { ORG_NAME_MAX } from '../limits.ts';
import type { RouteInput, RouteSpec } from '../http/route.ts';
import { arnSchema, descriptionSchema, entity, object, pageOf, pageQuery, policyDocumentSchema, text } from '../http/schemas.ts';
import { organizationArn, orgInfo, pageOptions, perRequest, type RouteContext } from './context.ts';
import { NODE_ID_SCHEMA } from './organization.ts';

const TAG = 'scps';
const policyRef = { oneOf: [text(64, '^p-[0-9a-zA-Z_]{4,128}$'), arnSchema], description: 'policy id (`p-...`) or ARN' };
const name = text(ORG_NAME_MAX, '^[\\x20-\\x7E]+$');
const kind = { enum: ['scp', 'rcp'] };

/** The SCP/RCP routes under `/scps`. */
export function scpRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  /** Finds an org policy by id or ARN (404 when it is not an SCP/RCP). */
  const resolve = async (ref: string): Promise<PolicyRecord> => {
    const candidates = ref.startsWith('arn:') ? [ref] : await idToArns(ref);
    for (const arn of candidates) {
      try {
        const p = await store.getPolicy(arn);
        if (p.kind === 'scp' || p.kind === 'rcp') return p;
      } catch (err) {
        if (!isStoreError(err, 'no_such_entity')) throw err;
      }
    }
    throw noSuchEntity(`organization policy \`${ref}\` does not exist`);
  };
  const idToArns = async (id: string): Promise<string[]> => {
    const o = await orgInfo(ctx);
    return (['scp', 'rcp'] as const).map((k) => orgArns.policy(o.mgmt, o.id, k, id));
  };
  /** The path's policy, resolved once per request: the resource and the handler share it. */
  const policyOf = perRequest(({ params: p }) => resolve(p.policyId));
  /** Resource of per-policy actions: the policy's ARN when it exists, else the organization. */
  const policyArn = async (input: RouteInput): Promise<string> => {
    try {
      return (await policyOf(input)).arn;
    } catch (err) {
      if (err instanceof AdminError && err.code === 'no_such_entity') return organizationArn(ctx);
      throw err;
    }
  };
  const params = { policyId: policyRef };
  return [
    {
      method: 'post', path: '/scps', operationId: 'CreateScp', tag: TAG, summary: 'Create an SCP (or RCP)',
      action: 'organizations:CreatePolicy', resource: () => organizationArn(ctx), write: true,
      body: object({ name, description: descriptionSchema, document: policyDocumentSchema, kind }, ['name', 'document']),
      response: { status: 201, schema: entity('policy', 'Policy') },
      errors: ['malformed_policy_document'],
      handler: async ({ body, write }) => {
        const w = await write((o) => store.createOrgPolicy({ kind: body.kind ?? 'scp', name: body.name, description: body.description, document: body.document }, o));
        return { status: 201, body: { policy: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: '/scps', operationId: 'ListScps', tag: TAG, summary: 'List SCPs (or RCPs)',
      action: 'organizations:ListPolicies', resource: () => organizationArn(ctx),
      query: { ...pageQuery(ctx.maxPageSize), kind },
      response: { schema: pageOf('Policy') },
      handler: async ({ query }) => ({ body: { ...(await store.listPolicies({ ...pageOptions(ctx, query), kind: query.kind ?? 'scp' })) } }),
    },
    {
      method: 'get', path: '/scps/:policyId', operationId: 'DescribeScp', tag: TAG, summary: 'One SCP',
      action: 'organizations:DescribePolicy', resource: policyArn, params,
      response: { schema: entity('policy', 'Policy') },
      handler: async (input) => ({ body: { policy: await policyOf(input) } }),
    },
    {
      method: 'patch', path: '/scps/:policyId', operationId: 'UpdateScp', tag: TAG, summary: 'Change the name, description or document of an SCP',
      action: 'organizations:UpdatePolicy', resource: policyArn, params, write: true,
      body: object({ name, description: descriptionSchema, document: policyDocumentSchema }),
      response: { schema: entity('policy', 'Policy') },
      errors: ['malformed_policy_document'],
      handler: async (input) => {
        const { arn } = await policyOf(input);
        const w = await input.write((o) => store.updateOrgPolicy(arn, input.body, o));
        return { body: { policy: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: '/scps/:policyId', operationId: 'DeleteScp', tag: TAG, summary: 'Delete an SCP that is attached nowhere',
      action: 'organizations:DeletePolicy', resource: policyArn, params, write: true,
      response: { schema: object({}) },
      handler: async (input) => {
        const { arn } = await policyOf(input);
        return { body: {}, revision: (await input.write((o) => store.deletePolicy(arn, o))).revision };
      },
    },
    {
      method: 'get', path: '/scps/:policyId/targets', operationId: 'ListTargetsForScp', tag: TAG, summary: 'Roots, OUs and accounts an SCP is attached to',
      action: 'organizations:ListTargetsForPolicy', resource: policyArn, params,
      response: { schema: object({ items: { type: 'array', items: object({ targetId: { type: 'string' }, type: { enum: ['root', 'ou', 'account'] } }, ['targetId', 'type']) } }, ['items']) },
      handler: async (input) => {
        const usage = await store.getPolicyUsage((await policyOf(input)).arn);
        return { body: { items: usage.targets.map((targetId) => ({ targetId, type: targetType(targetId) })) } };
      },
    },
    {
      method: 'put', path: '/scps/:policyId/targets/:targetId', operationId: 'AttachScp', tag: TAG, summary: 'Attach an SCP to a root, OU or account',
      action: 'organizations:AttachPolicy', resource: policyArn, params: { ...params, targetId: NODE_ID_SCHEMA }, write: true,
      response: { schema: object({}) },
      handler: async (input) => {
        const { arn } = await policyOf(input);
        return { body: {}, revision: (await input.write((o) => store.attachOrgPolicy(arn, input.params.targetId, o))).revision };
      },
    },
    {
      method: 'delete', path: '/scps/:policyId/targets/:targetId', operationId: 'DetachScp', tag: TAG, summary: 'Detach an SCP (never a target\'s last one)',
      action: 'organizations:DetachPolicy', resource: policyArn, params: { ...params, targetId: NODE_ID_SCHEMA }, write: true,
      response: { schema: object({}) },
      handler: async (input) => {
        const { arn } = await policyOf(input);
        return { body: {}, revision: (await input.write((o) => store.detachOrgPolicy(arn, input.params.targetId, o))).revision };
      },
    },
  ];
}

function targetType(id: string): 'root' | 'ou' | 'account' {
  return id.startsWith('r-') ? 'root' : id.startsWith('ou-') ? 'ou' : 'account';
}
