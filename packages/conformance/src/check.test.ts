// Tests checkCase: which differences it reports and which it ignores.

import { describe, expect, it } from 'vitest';
import { checkCase, needsExplain, type ComparableResult } from './check.ts';
import type { ExpectedDecision } from './types.ts';

const ID = 'arn:aws:iam::111122223333:policy/Read';
const allowReason = { policyId: ID, statementIndex: 0, effect: 'Allow', layer: 'identity' } as const;
const denyReason = { policyId: 'arn:aws:s3:::b#resource', statementIndex: 1, effect: 'Deny', layer: 'resource' } as const;

/** A result with defaults for the fields a test does not care about. */
function result(over: Partial<ComparableResult>): ComparableResult {
  return { decision: 'Allow', reasons: [], missingContextKeys: [], errors: [], ...over };
}

describe('checkCase', () => {
  it('accepts a conforming result and ignores fields the case does not give', () => {
    expect(checkCase({ decision: 'Allow' }, result({ reasons: [allowReason], missingContextKeys: ['x'] }))).toEqual([]);
  });

  it('reports a different decision', () => {
    expect(checkCase({ decision: 'Allow' }, result({ decision: 'ImplicitDeny' }))).toEqual([
      'decision: expected Allow, got ImplicitDeny',
    ]);
  });

  it('compares reasons as sets, in any order and ignoring duplicates and sids', () => {
    const got = result({ decision: 'ExplicitDeny', reasons: [denyReason, { ...allowReason, sid: 'S' }, allowReason] });
    expect(checkCase({ decision: 'ExplicitDeny', reasons: [allowReason, denyReason] }, got)).toEqual([]);
  });

  it('reports missing and unexpected reasons, including a wrong layer', () => {
    const problems = checkCase(
      { decision: 'Allow', reasons: [allowReason] },
      result({ reasons: [{ ...allowReason, layer: 'boundary' }] }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/expected but not reported: identity Allow/);
    expect(problems[1]).toMatch(/reported but not expected: boundary Allow/);
  });

  it('checks deniedBy when given, and that an Allow names no denying layer', () => {
    expect(checkCase({ decision: 'ImplicitDeny', deniedBy: 'scp' }, result({ decision: 'ImplicitDeny', deniedBy: 'identity' }))).toEqual([
      'deniedBy: expected scp, got identity',
    ]);
    expect(checkCase({ decision: 'Allow' }, result({ deniedBy: 'scp' }))).toHaveLength(1);
  });

  it('compares missing context keys case-insensitively', () => {
    const want: ExpectedDecision = { decision: 'ImplicitDeny', missingContextKeys: ['aws:SourceIp'] };
    expect(checkCase(want, result({ decision: 'ImplicitDeny', missingContextKeys: ['AWS:SOURCEIP'] }))).toEqual([]);
    expect(checkCase(want, result({ decision: 'ImplicitDeny', missingContextKeys: [] }))).toHaveLength(1);
  });

  it('compares errors by policy and statement, not by message', () => {
    const want: ExpectedDecision = { decision: 'ImplicitDeny', errors: [{ policyId: ID, statementIndex: 2 }] };
    expect(checkCase(want, result({ decision: 'ImplicitDeny', errors: [{ policyId: ID, statementIndex: 2, message: 'any' }] }))).toEqual([]);
    expect(checkCase(want, result({ decision: 'ImplicitDeny', errors: [] }))).toHaveLength(1);
  });
});

describe('needsExplain', () => {
  it('asks for an explanation only when the case pins one down', () => {
    expect(needsExplain({ decision: 'Allow' })).toBe(false);
    expect(needsExplain({ decision: 'Allow', reasons: [] })).toBe(true);
    expect(needsExplain({ decision: 'ImplicitDeny', deniedBy: 'identity' })).toBe(true);
    expect(needsExplain({ decision: 'ImplicitDeny', missingContextKeys: [] })).toBe(true);
    expect(needsExplain({ decision: 'ImplicitDeny', errors: [] })).toBe(true);
  });
});
