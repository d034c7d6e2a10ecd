import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/policy.ts';
import { validatePolicy } from './validate-policy.ts';

const check = (condition: unknown, effect = 'Allow'): [string, string, string][] =>
  validatePolicy({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 's3:PutObject', Resource: '*', Condition: condition }] }, 'identity')
    .filter((f: Finding) => f.severity === 'WARNING' || f.severity === 'SUGGESTION')
    .map((f) => [f.severity, f.code, f.path]);

describe('for_all_values_with_allow', () => {
  it('warns that ForAllValues also matches a missing key in an Allow', () => {
    expect(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } })).toEqual([
      ['WARNING', 'for_all_values_with_allow', 'Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys'],
    ]);
  });

  it('is quiet with a Null guard on the key, and in a Deny', () => {
    expect(
      check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment'] }, Null: { 'aws:tagkeys': 'false' } }),
    ).toEqual([]);
    expect(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment'] } }, 'Deny')).toEqual([]);
    expect(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment'] }, Null: { 'aws:TagKeys': 'true' } })).toEqual([
      ['WARNING', 'for_all_values_with_allow', 'Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys'],
    ]);
  });
});

describe('set qualifiers and key cardinality', () => {
  it.each([
    ['ForAnyValue:IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
    ['ForAllValues:StringEquals', 'aws:username', 'bob'],
    ['ForAnyValue:StringEquals', 'AWS:PrincipalArn', 'arn:aws:iam::123456789012:user/bob'],
    ['ForAnyValue:Bool', 'aws:SecureTransport', 'true'],
    ['ForAnyValue:DateGreaterThan', 'aws:CurrentTime', '2024-01-01'],
    ['ForAnyValue:StringEquals', 'aws:RequestedRegion', 'eu-west-1'],
    ['ForAnyValue:StringEquals', 'aws:PrincipalTag/team', 'blue'],
  ])('warns about %s on the single-valued key %s', (operator, key, value) => {
    expect(check({ [operator]: { [key]: value } }, 'Deny')).toEqual([
      ['WARNING', 'set_operator_on_single_valued_key', `Statement[0].Condition.${operator}.${key}`],
    ]);
  });

  it('accepts set qualifiers on multi-valued and unknown keys', () => {
    expect(check({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env', 'orders:Regions': 'eu' } }, 'Deny')).toEqual([]);
  });

  it('warns about a multi-valued key without a set qualifier, except under Null', () => {
    expect(check({ StringEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } }, 'Deny')).toEqual([
      ['WARNING', 'missing_set_qualifier', 'Statement[0].Condition.StringEquals.aws:CalledVia'],
    ]);
    expect(check({ Null: { 'aws:TagKeys': 'false' } }, 'Deny')).toEqual([]);
  });
});

describe('string_operator_on_boolean_key', () => {
  it('suggests Bool for a boolean key compared as a string', () => {
    expect(check({ StringEquals: { 'aws:SecureTransport': 'true' } }, 'Deny')).toEqual([
      ['SUGGESTION', 'string_operator_on_boolean_key', 'Statement[0].Condition.StringEquals.aws:SecureTransport'],
    ]);
    expect(check({ Bool: { 'aws:SecureTransport': 'true' } }, 'Deny')).toEqual([]);
  });
});
