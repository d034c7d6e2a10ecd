// Decoding the evaluator's packed results and explanation records into DecisionResults.

import { ERR_BAD_POLICY_VALUE, ERR_NOT_BOOL, ERR_NOT_DATE, ERR_NOT_IP, ERR_NOT_NUMBER, EXK_ERROR, EXK_MISSING, EXK_REASON, EX_SIZE, LAYER_NONE, RESULT_TRUNCATED } from '../../assembly/layout.ts';
import type { Image } from '../compile/image.ts';
import type { Decision, DecisionResult, EvaluationError, Layer, Reason } from '../model/decision.ts';
import type { SessionPolicies } from './session.ts';

/** Layer names by evaluator code. */
export const LAYERS: readonly Layer[] = ['scp', 'rcp', 'resource', 'trust', 'identity', 'boundary', 'session'];
const DECISIONS: readonly Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

const ERROR_TEXT: Record<number, string> = {
  [ERR_NOT_NUMBER]: 'is not a number',
  [ERR_NOT_DATE]: 'is not a date',
  [ERR_NOT_IP]: 'is not an IP address',
  [ERR_NOT_BOOL]: 'is not a boolean',
  [ERR_BAD_POLICY_VALUE]: 'cannot be compared',
};

/** Shared empty arrays for results without explanation (never mutated). */
const NONE_REASONS: Reason[] = [];
const NONE_KEYS: string[] = [];
const NONE_ERRORS: EvaluationError[] = [];
Object.freeze(NONE_REASONS);
Object.freeze(NONE_KEYS);
Object.freeze(NONE_ERRORS);

/** Results without explanation are immutable and shared: one per decision. */
const PLAIN: readonly DecisionResult[] = DECISIONS.map((decision) =>
  Object.freeze({ decision, reasons: NONE_REASONS, missingContextKeys: NONE_KEYS, errors: NONE_ERRORS }),
);

/** A result with no explanation (shared and frozen). */
export function plainResult(code: number): DecisionResult {
  return PLAIN[code & 0xff] ?? PLAIN[2];
}

/** A request that never reached the evaluator; explained, it names the identity layer (nothing granted it). */
export function refusedResult(message: string, explained = false): DecisionResult {
  const result: DecisionResult = { decision: 'ImplicitDeny', reasons: NONE_REASONS, missingContextKeys: NONE_KEYS, errors: [{ policyId: '', statementIndex: -1, message }] };
  if (explained) result.deniedBy = 'identity';
  return result;
}

/** Decorate results with the batch's explanation records (refused requests, which were never evaluated, keep theirs). */
export function attachExplanations(image: Image, sessions: SessionPolicies, sessionBlocks: ReadonlyArray<number[] | undefined>, codes: Uint32Array, results: DecisionResult[], explainWanted: readonly boolean[], refused: ReadonlyArray<string | undefined>, recordCount: number): void {
  const u32 = image.heap.u32;
  const base = image.explainArea >>> 2;
  const reasonsBy = new Map<number, Reason[]>();
  const missingBy = new Map<number, Set<string>>();
  const errorsBy = new Map<number, EvaluationError[]>();
  for (let i = 0; i < recordCount; i++) {
    const r = base + i * (EX_SIZE >>> 2);
    const req = u32[r];
    const kind = u32[r + 1];
    const a = u32[r + 2];
    const b = u32[r + 3];
    if (kind === EXK_REASON) {
      const meta = image.statements[a];
      if (!meta) continue;
      let policyId = meta.policyId;
      if (meta.session) policyId = `session#${sessionBlocks[req]?.indexOf(sessions.blockOfStatement.get(a) ?? -1) ?? -1}`;
      const reason: Reason = { policyId, statementIndex: meta.index, effect: meta.effect, layer: LAYERS[b] };
      if (meta.sid !== undefined) reason.sid = meta.sid;
      push(reasonsBy, req, reason);
    } else if (kind === EXK_MISSING) {
      let set = missingBy.get(req);
      if (!set) missingBy.set(req, (set = new Set()));
      set.add(image.keys.names[a] ?? `#${a}`);
    } else if (kind === EXK_ERROR) {
      const meta = image.statements[a];
      const key = image.keys.names[b >>> 8] ?? '';
      push(errorsBy, req, { policyId: meta?.policyId ?? '', statementIndex: meta?.index ?? -1, message: `the value of \`${key}\` ${ERROR_TEXT[b & 0xff] ?? 'could not be evaluated'}` });
    }
  }
  for (let i = 0; i < results.length; i++) {
    const code = codes[i];
    const errors = errorsBy.get(i);
    if ((!explainWanted[i] && !errors) || refused[i] !== undefined) continue;
    const res: DecisionResult = { ...results[i], errors: errors ?? [] };
    if (explainWanted[i]) {
      const decision = res.decision;
      const all = reasonsBy.get(i) ?? [];
      res.reasons = decision === 'ExplicitDeny' ? all.filter((x) => x.effect === 'Deny') : all.filter((x) => x.effect === 'Allow');
      res.missingContextKeys = [...(missingBy.get(i) ?? [])];
      const layer = (code >>> 8) & 0xff;
      if (decision !== 'Allow' && layer !== LAYER_NONE) res.deniedBy = LAYERS[layer];
      if (((code >>> 16) & RESULT_TRUNCATED) !== 0) res.errors = [...res.errors, { policyId: '', statementIndex: -1, message: 'the explanation was truncated' }];
    }
    results[i] = res;
  }
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
