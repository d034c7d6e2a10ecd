// Caller-side mapping between the core's shapes and the wire: core request -> AuthorizeRequest, AuthorizeResponse -> core decision.

import type { AuthorizeRequest, AuthorizeResponse__Output, ContextValue, Timestamp } from '@iam/proto';
import type { AuthzRequest, ContextValue as CoreContextValue, DecisionResult, Layer, PrincipalInput, TimeInput } from './core.ts';

/** A core time (epoch ms or ISO 8601) as a protobuf Timestamp. */
function toTimestamp(time: TimeInput): Timestamp {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new Error(`not a time: \`${String(time)}\``);
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1_000_000) };
}

function toContextValue(value: CoreContextValue): ContextValue {
  if (Array.isArray(value)) return { string_list: { values: value.map(String) } };
  if (typeof value === 'string') return { string_value: value };
  if (typeof value === 'number') return { number_value: value };
  return { bool_value: value };
}

function toPrincipal(p: PrincipalInput): AuthorizeRequest['principal'] {
  const out: NonNullable<AuthorizeRequest['principal']> = {};
  if (p.arn !== undefined) out.arn = p.arn;
  else if (p.service !== undefined) out.service = p.service;
  else if (p.federated !== undefined) out.federated = p.federated;
  else if (p.session) {
    const s = p.session;
    out.session = {
      role_arn: s.roleArn,
      session_name: s.sessionName,
      policies: (s.policies ?? []).map((d) => (typeof d === 'string' ? d : JSON.stringify(d))),
      policy_arns: s.policyArns ?? [],
      tags: s.tags ?? {},
      source_identity: s.sourceIdentity ?? '',
      issued_at: s.issuedAt !== undefined ? toTimestamp(s.issuedAt) : null,
    };
  }
  if (p.mfaPresent !== undefined) out.mfa_present = p.mfaPresent;
  if (p.mfaAuthenticatedAt !== undefined) out.mfa_authenticated_at = toTimestamp(p.mfaAuthenticatedAt);
  return out;
}

/** The wire request for a core request (multi-valued context values travel as strings, as IAM compares them). */
export function toWireRequest(request: AuthzRequest, minRevision = 0): AuthorizeRequest {
  const out: AuthorizeRequest = { principal: toPrincipal(request.principal), action: request.action, resource: request.resource };
  if (request.resourceAccount !== undefined) out.resource_account = request.resourceAccount;
  if (request.context) {
    const context: Record<string, ContextValue> = {};
    for (const [key, value] of Object.entries(request.context)) context[key] = toContextValue(value);
    out.context = context;
  }
  if (request.time !== undefined) out.time = toTimestamp(request.time);
  if (request.explain) out.explain = true;
  if (minRevision > 0) out.min_revision = minRevision;
  return out;
}

const DECISION_FROM_WIRE: Record<string, DecisionResult['decision']> = { ALLOW: 'Allow', EXPLICIT_DENY: 'ExplicitDeny', IMPLICIT_DENY: 'ImplicitDeny' };

function layerFromWire(layer: string): Layer | undefined {
  return layer === 'LAYER_UNSPECIFIED' || !layer ? undefined : (layer.slice('LAYER_'.length).toLowerCase() as Layer);
}

/** The core's decision shape for a wire response (plus the revision it reflects). */
export function fromWireResponse(response: AuthorizeResponse__Output): DecisionResult & { revision: number } {
  const decision = DECISION_FROM_WIRE[response.decision];
  if (!decision) throw new Error(`unknown decision \`${response.decision}\``);
  const deniedBy = layerFromWire(response.denied_by);
  return {
    decision,
    reasons: response.reasons.map((r) => ({
      policyId: r.policy_id,
      statementIndex: r.statement_index,
      ...(r.sid ? { sid: r.sid } : {}),
      effect: r.effect === 'EFFECT_DENY' ? 'Deny' : 'Allow',
      layer: layerFromWire(r.layer)!,
    })),
    ...(deniedBy ? { deniedBy } : {}),
    missingContextKeys: response.missing_context_keys,
    errors: response.errors.map((e) => ({ policyId: e.policy_id, statementIndex: e.statement_index, message: e.message })),
    revision: response.revision,
  };
}
