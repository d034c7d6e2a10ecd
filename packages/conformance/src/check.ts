// Compares an engine's decision with what a case expects; shared by every runner (core, PDP over gRPC).

import type { DecisionResult } from '@iam/core';
import type { CorpusCase, ExpectedDecision } from './types.ts';

/** The parts of a DecisionResult the comparison reads (a remote runner may map its response to this). */
export type ComparableResult = Pick<DecisionResult, 'decision' | 'reasons' | 'missingContextKeys' | 'errors'> & {
  deniedBy?: DecisionResult['deniedBy'];
};

/** Whether the case pins down any part of the explanation, so the runner must ask for `explain: true`. */
export function needsExplain(expect: ExpectedDecision): boolean {
  return (
    expect.reasons !== undefined ||
    expect.deniedBy !== undefined ||
    expect.missingContextKeys !== undefined ||
    expect.errors !== undefined
  );
}

/** Identity of a reason for set comparison. */
function reasonKey(r: { policyId: string; statementIndex: number; effect: string; layer: string }): string {
  return `${r.layer} ${r.effect} ${r.policyId} [${r.statementIndex}]`;
}

/** Identity of an evaluation error for set comparison. */
function errorKey(e: { policyId: string; statementIndex: number }): string {
  return `${e.policyId} [${e.statementIndex}]`;
}

/** Differences between two sets of keys, as mismatch lines under `label`. */
function compareSets(label: string, expected: string[], actual: string[]): string[] {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = [...want].filter((k) => !got.has(k)).sort();
  const extra = [...got].filter((k) => !want.has(k)).sort();
  const out: string[] = [];
  if (missing.length > 0) out.push(`${label}: expected but not reported: ${missing.join('; ')}`);
  if (extra.length > 0) out.push(`${label}: reported but not expected: ${extra.join('; ')}`);
  return out;
}

/**
 * Every way `result` differs from `expect` (empty when it conforms). Only the fields the case
 * gives are compared: reasons as a set by policyId + statementIndex + effect + layer, missing
 * context keys as a case-insensitive set, errors by policyId + statementIndex. An Allow never
 * carries a denying layer.
 */
export function checkCase(expect: ExpectedDecision, result: ComparableResult): string[] {
  const out: string[] = [];
  if (result.decision !== expect.decision) {
    out.push(`decision: expected ${expect.decision}, got ${result.decision}`);
  }
  if (expect.reasons !== undefined) {
    out.push(...compareSets('reasons', expect.reasons.map(reasonKey), (result.reasons ?? []).map(reasonKey)));
  }
  if (expect.deniedBy !== undefined && result.deniedBy !== expect.deniedBy) {
    out.push(`deniedBy: expected ${expect.deniedBy}, got ${result.deniedBy ?? 'none'}`);
  }
  if (expect.decision === 'Allow' && result.decision === 'Allow' && result.deniedBy !== undefined) {
    out.push(`deniedBy: an Allow must not name a denying layer, got ${result.deniedBy}`);
  }
  if (expect.missingContextKeys !== undefined) {
    const lower = (keys: string[]) => keys.map((k) => k.toLowerCase());
    out.push(
      ...compareSets(
        'missingContextKeys',
        lower(expect.missingContextKeys),
        lower(result.missingContextKeys ?? []),
      ),
    );
  }
  if (expect.errors !== undefined) {
    out.push(...compareSets('errors', expect.errors.map(errorKey), (result.errors ?? []).map(errorKey)));
  }
  return out;
}

/** A readable failure report: the mismatches, the case (with its note) and the engine's full explanation. */
export function formatFailure(
  fileName: string,
  testCase: CorpusCase,
  mismatches: string[],
  explained: unknown,
): string {
  return [
    `case \`${testCase.name}\` in \`${fileName}\` does not conform:`,
    ...mismatches.map((m) => `  - ${m}`),
    ...(testCase.note ? [`note: ${testCase.note}`] : []),
    `request: ${JSON.stringify(testCase.request)}`,
    `expected: ${JSON.stringify(testCase.expect)}`,
    `explanation: ${JSON.stringify(explained, null, 2)}`,
  ].join('\n');
}
