import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/policy.ts';
import { parsePolicy } from './parse-policy.ts';

const withCondition = (condition: unknown, version = '2012-10-17'): Finding[] => {
  const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition };
  const doc = version === 'none' ? { Statement: [statement] } : { Version: version, Statement: [statement] };
  return parsePolicy(doc, 'identity').findings.filter((f) => f.code !== 'missing_version');
};
const summary = (findings: Finding[]): [string, string, string][] => findings.map((f) => [f.severity, f.code, f.path]);

describe('Condition structure', () => {
  it('must be an object of operators, each an object of keys', () => {
    expect(summary(withCondition('aws:SecureTransport'))).toEqual([['ERROR', 'invalid_type', 'Statement[0].Condition']]);
    expect(summary(withCondition({ Bool: 'true' }))).toEqual([['ERROR', 'invalid_type', 'Statement[0].Condition.Bool']]);
    expect(summary(withCondition({ Bool: ['aws:SecureTransport'] }))).toEqual([['ERROR', 'invalid_type', 'Statement[0].Condition.Bool']]);
  });

  it('suggests removing empty blocks and value lists', () => {
    expect(summary(withCondition({}))).toEqual([['SUGGESTION', 'empty_object', 'Statement[0].Condition']]);
    expect(summary(withCondition({ StringEquals: {} }))).toEqual([['SUGGESTION', 'empty_object', 'Statement[0].Condition.StringEquals']]);
    expect(summary(withCondition({ StringEquals: { 'aws:username': [] } }))).toEqual([
      ['SUGGESTION', 'empty_array', 'Statement[0].Condition.StringEquals.aws:username'],
    ]);
  });

  it('accepts only scalars as values', () => {
    expect(summary(withCondition({ StringEquals: { 'aws:username': null } }))).toEqual([
      ['ERROR', 'invalid_type', 'Statement[0].Condition.StringEquals.aws:username'],
    ]);
    expect(summary(withCondition({ StringEquals: { 'aws:username': ['a', { b: 1 }, ['c']] } }))).toEqual([
      ['ERROR', 'invalid_type', 'Statement[0].Condition.StringEquals.aws:username[1]'],
      ['ERROR', 'invalid_type', 'Statement[0].Condition.StringEquals.aws:username[2]'],
    ]);
  });

  it('reports the same key twice in different case under one operator', () => {
    expect(summary(withCondition({ StringEquals: { 'aws:PrincipalTag/team': 'a', 'AWS:principaltag/team': 'b' } }))).toEqual([
      ['ERROR', 'duplicate_condition_key', 'Statement[0].Condition.StringEquals.AWS:principaltag/team'],
    ]);
    expect(withCondition({ StringEquals: { 'aws:username': 'a' }, StringLike: { 'AWS:username': 'b*' } })).toEqual([]);
  });

  it('warns about a key without a prefix', () => {
    expect(summary(withCondition({ StringEquals: { username: 'a' } }))).toEqual([
      ['WARNING', 'condition_key_without_prefix', 'Statement[0].Condition.StringEquals.username'],
    ]);
  });
});

describe('condition operators', () => {
  it('accepts every documented operator, with qualifiers and IfExists', () => {
    const condition = {
      StringEqualsIgnoreCase: { 'aws:username': 'bob' },
      StringNotLikeIfExists: { 's3:prefix': 'home/*' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] },
      NumericGreaterThanEqualsIfExists: { 's3:max-keys': '10' },
      DateNotEquals: { 'aws:CurrentTime': '2019-07-16T12:00:00Z' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' },
      ArnNotEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/admin' },
      BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
      BinaryEquals: { 'key:binary': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' },
      IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] },
      NotIpAddressIfExists: { 'aws:SourceIp': '192.0.2.1' },
      Null: { 'aws:TokenIssueTime': 'true' },
    };
    expect(withCondition(condition)).toEqual([]);
  });

  it.each([
    ['StringEqual', 'unknown condition operator `StringEqual`'],
    ['stringequals', 'unknown condition operator `stringequals`; did you mean `StringEquals`'],
    ['ForSomeValues:StringEquals', 'unknown condition operator `ForSomeValues:StringEquals`: the set qualifier must be `ForAnyValue` or `ForAllValues`'],
    ['IfExists', 'unknown condition operator `IfExists`'],
    ['StringEqualsIfExistsIfExists', 'unknown condition operator `StringEqualsIfExistsIfExists`'],
  ])('reports unknown operator %s', (operator, message) => {
    const findings = withCondition({ [operator]: { 'aws:username': 'bob' } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', code: 'unknown_operator', message, path: `Statement[0].Condition.${operator}` });
  });

  it('rejects Null with IfExists', () => {
    expect(summary(withCondition({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }))).toEqual([
      ['ERROR', 'null_with_if_exists', 'Statement[0].Condition.NullIfExists'],
    ]);
  });
});

describe('condition values', () => {
  it.each([
    ['NumericLessThan', 'ten', 'invalid_number'],
    ['NumericEquals', '0x10', 'invalid_number'],
    ['NumericEquals', '', 'invalid_number'],
    ['DateLessThan', '2020-13-01T00:00:00Z', 'invalid_date'],
    ['DateGreaterThan', 'yesterday', 'invalid_date'],
    ['Bool', 'yes', 'invalid_bool'],
    ['Bool', '1', 'invalid_bool'],
    ['Null', 'maybe', 'invalid_bool'],
    ['BinaryEquals', 'not base64', 'invalid_base64'],
    ['IpAddress', '203.0.113.0/33', 'invalid_cidr'],
    ['NotIpAddress', '2001:DB8::/129', 'invalid_cidr'],
    ['IpAddress', 'localhost', 'invalid_cidr'],
  ])('%s rejects %j as %s', (operator, value, code) => {
    const findings = withCondition({ [operator]: { 'x:key': ['ok-placeholder', value].slice(1) } });
    expect(summary(findings)).toEqual([['ERROR', code, `Statement[0].Condition.${operator}.x:key[0]`]]);
    expect(findings[0].message).toContain(`\`${value}\` is not valid for \`${operator}\``);
  });

  it('accepts booleans, numbers and dates written as JSON scalars', () => {
    expect(withCondition({ Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 'x:n': 5 }, DateLessThan: { 'aws:EpochTime': 1700000000 } })).toEqual([]);
    expect(withCondition({ Bool: { 'aws:SecureTransport': 'TRUE' } })).toEqual([]);
  });

  it('rejects several values for one Bool key', () => {
    expect(summary(withCondition({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }))).toEqual([
      ['ERROR', 'bool_multiple_values', 'Statement[0].Condition.Bool.aws:SecureTransport'],
    ]);
  });

  it('suggests the network address when a CIDR has host bits set', () => {
    expect(summary(withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } }))).toEqual([
      ['SUGGESTION', 'cidr_host_bits_set', 'Statement[0].Condition.IpAddress.aws:SourceIp'],
    ]);
  });

  it.each([['NumericEquals'], ['DateGreaterThan'], ['Bool'], ['BinaryEquals'], ['IpAddress'], ['Null']])(
    'rejects policy variables in %s values (reference_policies_variables)',
    (operator) => {
      const findings = withCondition({ [operator]: { 'x:key': '${aws:PrincipalTag/limit}' } });
      expect(summary(findings)).toEqual([['ERROR', 'variable_not_supported', `Statement[0].Condition.${operator}.x:key`]]);
    },
  );

  it('accepts policy variables in String and Arn values', () => {
    expect(
      withCondition({
        StringEquals: { 's3:ExistingObjectTag/owner': '${aws:PrincipalTag/owner}' },
        StringLike: { 's3:prefix': ["home/${aws:username, 'anonymous'}/*", '${*}literal'] },
        ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:${aws:username}' },
      }),
    ).toEqual([]);
  });

  it('rejects a malformed variable in String and Arn values', () => {
    expect(summary(withCondition({ StringLike: { 's3:prefix': 'home/${aws:username/*' }, ArnLike: { 'aws:SourceArn': '${}' } }))).toEqual([
      ['ERROR', 'malformed_variable', 'Statement[0].Condition.StringLike.s3:prefix'],
      ['ERROR', 'malformed_variable', 'Statement[0].Condition.ArnLike.aws:SourceArn'],
    ]);
  });

  it('warns under Version 2008-10-17 (or none) that a variable is literal text', () => {
    for (const version of ['2008-10-17', 'none']) {
      expect(summary(withCondition({ StringEquals: { 'aws:username': '${aws:username}' } }, version))).toEqual([
        ['WARNING', 'variable_in_legacy_version', 'Statement[0].Condition.StringEquals.aws:username'],
      ]);
    }
    // Literal text is a valid number nowhere, so a Numeric value with a variable is simply not a number.
    expect(summary(withCondition({ NumericEquals: { 'x:n': '${x:limit}' } }, '2008-10-17'))).toEqual([
      ['ERROR', 'invalid_number', 'Statement[0].Condition.NumericEquals.x:n'],
    ]);
  });

  it('warns about wildcards where the operator compares literally, but not in Like or Arn operators', () => {
    expect(summary(withCondition({ StringEquals: { 's3:prefix': ['home/*', 'a?b'] }, StringNotEqualsIgnoreCase: { 'aws:username': 'adm*' } }))).toEqual([
      ['WARNING', 'wildcard_in_literal_operator', 'Statement[0].Condition.StringEquals.s3:prefix[0]'],
      ['WARNING', 'wildcard_in_literal_operator', 'Statement[0].Condition.StringEquals.s3:prefix[1]'],
      ['WARNING', 'wildcard_in_literal_operator', 'Statement[0].Condition.StringNotEqualsIgnoreCase.aws:username'],
    ]);
    expect(withCondition({ StringLike: { 's3:prefix': 'home/*' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic' } })).toEqual([]);
    expect(withCondition({ StringEquals: { 's3:prefix': 'literal${*}star' } })).toEqual([]);
  });
});
