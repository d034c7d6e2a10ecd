import { describe, expect, it } from 'vitest';
import type { Finding, PolicyType } from '../model/policy.ts';
import { validatePolicy } from './validate-policy.ts';

const warnings = (statement: unknown, type: PolicyType): [string, string][] =>
  validatePolicy({ Version: '2012-10-17', Statement: [statement] }, type)
    .filter((f: Finding) => f.severity === 'WARNING')
    .map((f) => [f.code, f.path]);

describe('trust policy warnings', () => {
  const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

  it('accepts sts actions without a resource', () => {
    expect(warnings({ ...trust, Action: ['sts:AssumeRole', 'sts:TagSession', 'STS:SetSourceIdentity'] }, 'trust')).toEqual([]);
  });

  it('warns about actions of other services', () => {
    expect(warnings({ ...trust, Action: ['sts:AssumeRole', 's3:GetObject'] }, 'trust')).toEqual([['trust_policy_action', 'Statement[0].Action']]);
  });

  it('warns about a Resource AWS would reject', () => {
    expect(warnings({ ...trust, Resource: '*' }, 'trust')).toEqual([['trust_policy_resource', 'Statement[0].Resource']]);
    expect(warnings({ ...trust, NotResource: 'arn:aws:iam::123456789012:role/x' }, 'trust')).toEqual([
      ['trust_policy_resource', 'Statement[0].NotResource'],
    ]);
  });
});

describe('RCP warnings', () => {
  const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } };

  it('accepts the documented deny and the full-access allow', () => {
    expect(warnings(deny, 'rcp')).toEqual([]);
    expect(warnings({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, 'rcp')).toEqual([]);
  });

  it('warns about other Allow statements', () => {
    expect(warnings({ ...deny, Effect: 'Allow' }, 'rcp')).toEqual([['rcp_allow_statement', 'Statement[0].Effect']]);
  });

  it('warns about "Action": "*" in a deny', () => {
    expect(warnings({ ...deny, Action: '*' }, 'rcp')).toEqual([['rcp_action_wildcard', 'Statement[0].Action']]);
  });
});
