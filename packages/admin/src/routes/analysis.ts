// Routes that evaluate without writing: policy validation (findings) and simulation (decisions with explanations).

import { hasErrors, validatePolicy, type Finding, type PolicyDocument, type PolicyType } from '@iam/core';
import { AdminError, invalidInput } from '../errors.ts';
import type { RouteSpec } from '../http/route.ts';
import { arnSchema, listOf, object, policyDocumentSchema, ref, text, type Schema } from '../http/schemas.ts';
import { MAX_SIMULATION_PAIRS } from '../engine/simulator.ts';
import type { RouteContext } from './context.ts';

const POLICY_TYPES: PolicyType[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];
const scalar = { type: ['string', 'number', 'boolean'] };
const question: Record<string, Schema> = {
  actions: { type: 'array', items: text(256, '^\\S+$'), minItems: 1, maxItems: MAX_SIMULATION_PAIRS },
  resources: { type: 'array', items: text(2048), minItems: 1, maxItems: MAX_SIMULATION_PAIRS, description: 'default `*`' },
  context: { type: 'object', additionalProperties: { oneOf: [scalar, { type: 'array', items: scalar }] } },
};

/** Resources (default `*`), after checking the pair count. */
function resourcesOf(body: { actions: string[]; resources?: string[] }): string[] {
  const resources = body.resources ?? ['*'];
  if (body.actions.length * resources.length > MAX_SIMULATION_PAIRS) {
    throw invalidInput(`a simulation evaluates at most ${MAX_SIMULATION_PAIRS} action and resource pairs`);
  }
  return resources;
}

/** Throws `malformed_policy_document` with the findings when a document has ERROR findings. */
function requireValid(document: PolicyDocument, type: PolicyType, field: string): void {
  const findings: Finding[] = validatePolicy(document, type);
  if (hasErrors(findings)) throw new AdminError('malformed_policy_document', `\`${field}\` is not a valid ${type} policy`, { findings });
}

/** `/validate-policy`, `/simulate-principal` and `/simulate-custom`. */
export function analysisRoutes(ctx: RouteContext): RouteSpec[] {
  const results = { schema: listOf('SimulationResult') };
  return [
    {
      method: 'post', path: '/validate-policy', operationId: 'ValidatePolicy', tag: 'analysis', summary: 'Validate a policy document and list findings (ERROR findings make it unusable)',
      action: 'access-analyzer:ValidatePolicy', resource: () => '*',
      body: object({ document: policyDocumentSchema, policyType: { enum: POLICY_TYPES } }, ['document']),
      response: { schema: object({ valid: { type: 'boolean' }, findings: { type: 'array', items: ref('Finding') } }, ['valid', 'findings']) },
      handler: async ({ body }) => {
        const findings = validatePolicy(body.document, body.policyType ?? 'identity');
        return { body: { valid: !hasErrors(findings), findings } };
      },
    },
    {
      method: 'post', path: '/simulate-principal', operationId: 'SimulatePrincipalPolicy', tag: 'analysis',
      summary: 'Decide actions x resources for a stored principal with its current policies, with explanations',
      action: 'iam:SimulatePrincipalPolicy', resource: ({ body }) => body.principalArn,
      body: object({ principalArn: arnSchema, ...question }, ['principalArn', 'actions']),
      response: results,
      handler: async ({ body, caller }) => {
        const items = await ctx.simulator.simulate({ ...body, resources: resourcesOf(body), accountId: caller.accountId });
        return { body: { items } };
      },
    },
    {
      method: 'post', path: '/simulate-custom', operationId: 'SimulateCustomPolicy', tag: 'analysis',
      summary: 'Decide actions x resources for custom identity policies (optionally a boundary and a resource policy), with explanations',
      action: 'iam:SimulateCustomPolicy', resource: () => '*',
      body: object({
        policies: { type: 'array', items: policyDocumentSchema, minItems: 1, maxItems: 20 },
        permissionsBoundary: policyDocumentSchema, resourcePolicy: policyDocumentSchema, ...question,
      }, ['policies', 'actions']),
      response: results, errors: ['malformed_policy_document'],
      handler: async ({ body, caller }) => {
        body.policies.forEach((d: PolicyDocument, i: number) => requireValid(d, 'identity', `policies[${i}]`));
        if (body.permissionsBoundary !== undefined) requireValid(body.permissionsBoundary, 'boundary', 'permissionsBoundary');
        if (body.resourcePolicy !== undefined) requireValid(body.resourcePolicy, 'resource', 'resourcePolicy');
        const items = await ctx.simulator.simulate({ ...body, resources: resourcesOf(body), accountId: caller.accountId });
        return { body: { items } };
      },
    },
  ];
}
