import { describe, expect, it } from 'vitest';
import type { Finding, PolicyType } from '../model/policy.ts';
import { validatePolicy } from './validate-policy.ts';

const security = (statement: unknown, type: PolicyType = 'identity'): [string, string][] =>
  validatePolicy({ Version: '2012-10-17', Statement: [statement] }, type)
    .filter((f: Finding) => f.severity === 'SECURITY_WARNING')
    .map((f) => [f.code, f.path]);

describe('security warnings', () => {
  it('flags Allow with NotAction and with NotResource', () => {
    expect(security({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' })).toEqual([
      ['allow_with_not_action', 'Statement[0].NotAction'],
      ['allow_with_not_resource', 'Statement[0].NotResource'],
    ]);
  });

  it('leaves Deny with NotAction and NotResource alone (the usual guard pattern)', () => {
    expect(security({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' })).toEqual([]);
  });

  it('flags Allow of * on *', () => {
    expect(security({ Effect: 'Allow', Action: '*', Resource: '*' })).toEqual([['allow_all_actions_all_resources', 'Statement[0]']]);
    expect(security({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b', '*'] })).toEqual([
      ['allow_all_actions_all_resources', 'Statement[0]'],
    ]);
    expect(security({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).toEqual([]);
    expect(security({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' })).toEqual([]);
  });

  it.each([['scp'], ['boundary'], ['session']] as [PolicyType][])('does not flag the ceiling types: %s', (type) => {
    expect(security({ Effect: 'Allow', Action: '*', Resource: '*' }, type)).toEqual([]);
    expect(security({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, type)).toEqual([]);
  });

  it('flags a public principal without a condition in resource and trust policies', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };
    expect(security(statement, 'resource')).toEqual([['public_principal_without_condition', 'Statement[0].Principal']]);
    expect(security({ ...statement, Principal: { AWS: '*' } }, 'resource')).toEqual([['public_principal_without_condition', 'Statement[0].Principal']]);
    const trust = { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sts:AssumeRole' };
    expect(security(trust, 'trust')).toEqual([['public_principal_without_condition', 'Statement[0].Principal']]);
  });

  it('accepts a public principal narrowed by a condition, a named principal, or a Deny', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };
    expect(security({ ...statement, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123456' } } }, 'resource')).toEqual([]);
    expect(security({ ...statement, Principal: { AWS: '111122223333' } }, 'resource')).toEqual([]);
    expect(security({ ...statement, Principal: { Service: '*' } }, 'resource')).toEqual([]);
    expect(security({ ...statement, Effect: 'Deny' }, 'resource')).toEqual([]);
  });
});
