// Maps the core's decision shape back onto the wire (AuthorizeResponse), explanation only when asked.

import type { AuthorizeResponse } from '@iam/proto';
import type { Decision, DecisionResult, Layer } from '../core.ts';

/** Wire names of the core's decisions. */
export const DECISION_TO_WIRE: Readonly<Record<Decision, 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY'>> = {
  Allow: 'ALLOW',
  ExplicitDeny: 'EXPLICIT_DENY',
  ImplicitDeny: 'IMPLICIT_DENY',
};

/** Wire names of the core's layers. */
export const LAYER_TO_WIRE: Readonly<Record<Layer, string>> = {
  scp: 'LAYER_SCP',
  rcp: 'LAYER_RCP',
  resource: 'LAYER_RESOURCE',
  trust: 'LAYER_TRUST',
  identity: 'LAYER_IDENTITY',
  boundary: 'LAYER_BOUNDARY',
  session: 'LAYER_SESSION',
};

const NO_ITEMS: never[] = [];

/** The wire response for one decision; reasons, denying layer and missing keys only when `explain` was asked. */
export function toResponse(result: DecisionResult, revision: number, explain: boolean): AuthorizeResponse {
  const errors = result.errors.length === 0
    ? NO_ITEMS
    : result.errors.map((e) => ({ policy_id: e.policyId, statement_index: e.statementIndex, message: e.message }));
  if (!explain) return { decision: DECISION_TO_WIRE[result.decision], errors, revision };
  return {
    decision: DECISION_TO_WIRE[result.decision],
    reasons: result.reasons.map((r) => ({
      policy_id: r.policyId,
      statement_index: r.statementIndex,
      sid: r.sid ?? '',
      effect: r.effect === 'Allow' ? 'EFFECT_ALLOW' : 'EFFECT_DENY',
      layer: LAYER_TO_WIRE[r.layer] as AuthorizeResponse['denied_by'],
    })),
    denied_by: (result.deniedBy ? LAYER_TO_WIRE[result.deniedBy] : 'LAYER_UNSPECIFIED') as AuthorizeResponse['denied_by'],
    missing_context_keys: result.missingContextKeys,
    errors,
    revision,
  };
}
