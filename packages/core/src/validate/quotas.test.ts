import { describe, expect, it } from 'vitest';
import { parsePolicyDetail } from '../parse/parse-policy.ts';
import { DEFAULT_POLICY_QUOTAS, policySize, resolveQuotas } from './quotas.ts';
import { validatePolicy } from './validate-policy.ts';

/** An identity policy whose minified JSON is exactly `size` characters. */
function identityPolicyOfSize(size: number): string {
  const base = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] };
  const pad = size - JSON.stringify(base).length;
  base.Statement[0].Sid = 'S'.repeat(pad);
  const text = JSON.stringify(base);
  expect(text.length).toBe(size);
  return text;
}

const sizeCodes = (findings: { code: string }[]): string[] => findings.map((f) => f.code).filter((c) => c === 'policy_size_exceeded');

describe('DEFAULT_POLICY_QUOTAS', () => {
  it('holds the AWS defaults of iam-semantics.md §8', () => {
    expect(DEFAULT_POLICY_QUOTAS).toEqual({ identity: 6144, boundary: 6144, trust: 2048, session: 2048, scp: 5120, rcp: 5120, resource: 20480 });
    expect(Object.isFrozen(DEFAULT_POLICY_QUOTAS)).toBe(true);
  });
});

describe('policySize', () => {
  it('measures the minified JSON for IAM types, whitespace as written for SCPs and RCPs', () => {
    const pretty = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' } }, null, 4);
    const minified = JSON.stringify(JSON.parse(pretty));
    expect(policySize(parsePolicyDetail(pretty, 'identity'), 'identity')).toBe(minified.length);
    expect(policySize(parsePolicyDetail(pretty, 'scp'), 'scp')).toBe(pretty.length);
    expect(policySize(parsePolicyDetail(JSON.parse(pretty), 'scp'), 'scp')).toBe(minified.length);
  });

  it('counts characters, not UTF-16 units', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: { Sid: '😀', Effect: 'Deny', Action: 's3:*', Resource: '*' } });
    expect(policySize(parsePolicyDetail(text, 'resource'), 'resource')).toBe(text.length - 1);
  });
});

describe('policy_size_exceeded', () => {
  it('fires one character past the quota and not at it', () => {
    expect(sizeCodes(validatePolicy(identityPolicyOfSize(6144), 'identity'))).toEqual([]);
    const findings = validatePolicy(identityPolicyOfSize(6145), 'identity');
    expect(findings.filter((f) => f.code === 'policy_size_exceeded')).toEqual([
      {
        severity: 'ERROR',
        code: 'policy_size_exceeded',
        message: 'policy is 6145 characters (not counting whitespace); the limit for this policy type is 6144',
        path: '',
      },
    ]);
  });

  it('uses the quota of the policy type', () => {
    const text = identityPolicyOfSize(3000);
    expect(sizeCodes(validatePolicy(text, 'boundary'))).toEqual([]);
    expect(sizeCodes(validatePolicy(text, 'session'))).toEqual(['policy_size_exceeded']);
  });

  it('counts whitespace in SCPs only', () => {
    const statement = { Effect: 'Deny', Action: 's3:*', Resource: '*' };
    const spaced = `{"Version": "2012-10-17",${' '.repeat(6000)}"Statement": ${JSON.stringify(statement)}}`;
    expect(sizeCodes(validatePolicy(spaced, 'scp'))).toEqual(['policy_size_exceeded']);
    expect(sizeCodes(validatePolicy(spaced, 'identity'))).toEqual([]);
  });

  it('takes overrides', () => {
    const text = identityPolicyOfSize(200);
    expect(sizeCodes(validatePolicy(text, 'identity', { quotas: { identity: 199 } }))).toEqual(['policy_size_exceeded']);
    expect(sizeCodes(validatePolicy(text, 'identity', { quotas: { trust: 10 } }))).toEqual([]);
  });
});

describe('resolveQuotas', () => {
  it('merges overrides and rejects nonsense', () => {
    expect(resolveQuotas({ resource: 100 }).resource).toBe(100);
    expect(resolveQuotas({ resource: undefined }).resource).toBe(20480);
    expect(() => resolveQuotas({ identity: 0 })).toThrow('quota for `identity` must be a positive integer, got `0`');
    expect(() => resolveQuotas({ identity: 1.5 })).toThrow(TypeError);
    expect(() => resolveQuotas({ nope: 5 } as never)).toThrow('unknown policy type `nope` in quotas');
  });
});
