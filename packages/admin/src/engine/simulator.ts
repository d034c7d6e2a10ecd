// Policy simulation: a stored principal against the followed engine, or custom policies in a throwaway world.

import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type AuthzRequest, type ContextValue, type DecisionResult, type PolicyDocument, type WorldSnapshot } from '@iam/core';
import type { EngineFactory, EngineFollower } from './follower.ts';

/** The most action x resource pairs one simulation may evaluate. */
export const MAX_SIMULATION_PAIRS = 1000;

/** Names in the throwaway world of a custom simulation. */
const CUSTOM_USER = 'simulated-caller';
const CUSTOM_BOUNDARY = 'simulated-permissions-boundary';

/** One simulation: who (a stored principal, or custom policies), what and where. */
export interface SimulationInput {
  actions: string[];
  resources: string[];
  context?: Record<string, ContextValue>;
  /** A stored principal (user, role or account root): its current policies decide. */
  principalArn?: string;
  /** Custom identity policies (when no principal is given). */
  policies?: PolicyDocument[];
  /** Custom permissions boundary (with `policies`). */
  permissionsBoundary?: PolicyDocument;
  /** Custom resource-based policy applied to every listed resource (with `policies`). */
  resourcePolicy?: PolicyDocument;
  /** The account the custom policies' caller belongs to. */
  accountId: string;
}

/** One decision of a simulation, for one action on one resource. */
export interface SimulationResult extends DecisionResult {
  action: string;
  resource: string;
}

/** Runs simulations. */
export interface Simulator {
  simulate(input: SimulationInput): Promise<SimulationResult[]>;
}

/** A simulator over the followed engine (principal simulations) and fresh engines (custom ones). */
export function createSimulator(follower: EngineFollower, createEngine: EngineFactory): Simulator {
  return {
    async simulate(input) {
      const pairs = input.actions.flatMap((action) => input.resources.map((resource) => ({ action, resource })));
      if (input.principalArn !== undefined) {
        const engine = await follower.sync();
        return decide(engine.authorizeBatch(pairs.map((p) => request(input.principalArn!, p, input.context))), pairs);
      }
      const world = customWorld(input);
      const engine = await createEngine(world);
      const callerArn = world.users![0].arn;
      return decide(engine.authorizeBatch(pairs.map((p) => request(callerArn, p, input.context))), pairs);
    },
  };
}

function request(arn: string, pair: { action: string; resource: string }, context?: Record<string, ContextValue>): AuthzRequest {
  return { principal: { arn }, action: pair.action, resource: pair.resource, context, explain: true };
}

function decide(results: DecisionResult[], pairs: { action: string; resource: string }[]): SimulationResult[] {
  return results.map((r, i) => ({ action: pairs[i].action, resource: pairs[i].resource, ...r }));
}

/** One account, one user holding the custom policies, the boundary as a managed policy, the resource policy on each resource. */
function customWorld(input: SimulationInput): WorldSnapshot {
  const acct = input.accountId;
  const boundaryArn = `arn:aws:iam::${acct}:policy/${CUSTOM_BOUNDARY}`;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    revision: 0,
    accounts: [{ id: acct }],
    policies: input.permissionsBoundary ? [{ arn: boundaryArn, kind: 'identity', name: CUSTOM_BOUNDARY, document: input.permissionsBoundary }] : [],
    users: [{
      arn: `arn:aws:iam::${acct}:user/${CUSTOM_USER}`,
      inlinePolicies: (input.policies ?? []).map((document, i) => ({ name: `policy-${i + 1}`, document })),
      ...(input.permissionsBoundary ? { permissionsBoundary: boundaryArn } : {}),
    }],
    resources: input.resourcePolicy ? input.resources.filter((r) => r !== '*').map((arn) => ({ arn, policy: input.resourcePolicy })) : [],
  };
}
