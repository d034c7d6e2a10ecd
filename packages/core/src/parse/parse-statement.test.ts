import { describe, expect, it } from 'vitest';
import type { Finding, PolicyType } from '../model/policy.ts';
import { parsePolicy } from './parse-policy.ts';

const findingsOf = (statement: unknown, type: PolicyType = 'identity', version = '2012-10-17'): Finding[] =>
  parsePolicy({ Version: version, Statement: [statement] }, type).findings;
const errorCodes = (statement: unknown, type: PolicyType = 'identity'): string[] =>
  findingsOf(statement, type).filter((f) => f.severity === 'ERROR').map((f) => f.code);
const identity = { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' };
const resource = { ...identity, Principal: { AWS: 'arn:aws:iam::111122223333:root' } };

describe('statement elements', () => {
  it('reports unknown elements with a spelling hint', () => {
    const findings = findingsOf({ ...identity, Actions: 's3:*', Foo: 1 });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['unknown_element', 'Statement[0].Actions'],
      ['unknown_element', 'Statement[0].Foo'],
    ]);
    expect(findings[0].message).toBe('unknown statement element `Actions`');
    expect(findingsOf({ ...identity, condition: {} })[0].message).toContain('did you mean `Condition`');
  });

  it('checks the Sid type, and alphanumeric Sids where IAM stores the policy', () => {
    expect(errorCodes({ ...identity, Sid: 1 })).toEqual(['invalid_type']);
    expect(errorCodes({ ...identity, Sid: 'Allow S3 read' })).toEqual(['invalid_sid']);
    expect(errorCodes({ ...identity, Sid: 'AllowS3Read2' })).toEqual([]);
    expect(errorCodes({ ...resource, Sid: 'Allow S3 read' }, 'resource')).toEqual([]);
  });
});

describe('Effect', () => {
  it('is required', () => {
    const { Effect: _, ...noEffect } = identity;
    expect(errorCodes(noEffect)).toEqual(['missing_effect']);
  });

  it.each([['allow'], ['Permit'], [true]])('rejects %j', (effect) => {
    expect(errorCodes({ ...identity, Effect: effect })).toEqual(['invalid_effect']);
  });
});

describe('Action and NotAction', () => {
  it('needs exactly one of them', () => {
    const { Action: _, ...none } = identity;
    expect(errorCodes(none)).toEqual(['missing_action']);
    expect(errorCodes({ ...identity, NotAction: 'iam:*' })).toEqual(['action_and_not_action']);
  });

  it.each([['*'], ['s3:*'], ['s3:Get*'], ['iam:*AccessKey*'], ['ec2:Describe?nstances'], ['execute-api:Invoke'], ['orders:GetOrder'], ['S3:getobject']])(
    'accepts action %s',
    (action) => {
      expect(errorCodes({ ...identity, Action: action })).toEqual([]);
    },
  );

  it.each([['s3'], ['s3:'], [':GetObject'], ['s3:Get Object'], ['s3 :GetObject'], ['s*:GetObject'], ['s3:Get:Object'], [''], ['${aws:username}:Get']])(
    'rejects action %j',
    (action) => {
      const findings = findingsOf({ ...identity, NotAction: ['s3:GetObject', action], Action: undefined });
      expect(findings.map((f) => [f.code, f.path])).toEqual([['invalid_action', 'Statement[0].NotAction[1]']]);
    },
  );

  it('reports non-string items and keeps the rest', () => {
    const { policy, findings } = parsePolicy({ Version: '2012-10-17', Statement: { ...identity, Action: ['s3:GetObject', 5, null] } }, 'identity');
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['invalid_type', 'Statement.Action[1]'],
      ['invalid_type', 'Statement.Action[2]'],
    ]);
    expect(policy?.statements[0].actions).toEqual(['s3:GetObject']);
  });

  it('suggests removing an empty list', () => {
    const findings = findingsOf({ ...identity, Action: [] });
    expect(findings.map((f) => [f.severity, f.code, f.path])).toEqual([['SUGGESTION', 'empty_array', 'Statement[0].Action']]);
  });
});

describe('Resource and NotResource', () => {
  it('needs exactly one of them, except in trust policies', () => {
    const { Resource: _, ...none } = identity;
    expect(errorCodes(none)).toEqual(['missing_resource']);
    expect(errorCodes({ ...identity, NotResource: '*' })).toEqual(['resource_and_not_resource']);
    const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
    expect(errorCodes(trust, 'trust')).toEqual([]);
    const { Resource: __, ...resourceWithout } = resource;
    expect(errorCodes(resourceWithout, 'resource')).toEqual(['missing_resource']);
  });

  it.each([
    ['*'],
    ['arn:aws:s3:::amzn-s3-demo-bucket/*'],
    ['arn:aws:iam::123456789012:user/*'],
    ['arn:aws:dynamodb:us-east-2:123456789012:table/Books'],
    ['arn:aws:orders:eu-west-1:123456789012:order/42'],
    ['arn:aws:sns:*:*:${aws:PrincipalTag/access-project}-*'],
    ['arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/${*}'],
    ['arn:*:*:*:*:*'],
  ])('accepts resource %s', (value) => {
    expect(errorCodes({ ...identity, Resource: value })).toEqual([]);
  });

  it.each([
    ['amzn-s3-demo-bucket', 'invalid_resource'],
    ['arn:aws:s3', 'invalid_resource'],
    ['arn:*', 'invalid_resource'],
    ['ARN:aws:s3:::bucket', 'invalid_resource'],
    ['', 'invalid_resource'],
    ['arn:aws:s3:::bucket/${aws:username', 'malformed_variable'],
    ['arn:aws:iam::${aws:PrincipalAccount}:user/x', 'variable_in_arn_prefix'],
    ['arn:aws:${aws:username}:::x', 'variable_in_arn_prefix'],
  ])('rejects resource %j with %s', (value, code) => {
    const findings = findingsOf({ ...identity, Resource: ['*', value] });
    expect(findings.map((f) => [f.code, f.path])).toEqual([[code, 'Statement[0].Resource[1]']]);
  });

  it('counts only literal colons when placing a variable', () => {
    expect(errorCodes({ ...identity, Resource: 'arn:aws:s3:::${aws:PrincipalTag/a:b}:x' })).toEqual([]);
  });

  it('under Version 2008-10-17 warns that a variable is literal text and checks the ARN as written', () => {
    const findings = findingsOf({ ...identity, Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}' }, 'identity', '2008-10-17');
    expect(findings.map((f) => [f.severity, f.code, f.path])).toEqual([['WARNING', 'variable_in_legacy_version', 'Statement[0].Resource']]);
    const unterminated = findingsOf({ ...identity, Resource: 'arn:aws:s3:::b/${aws:username' }, 'identity', '2008-10-17');
    expect(unterminated).toEqual([]);
  });
});

describe('Principal rules per policy type', () => {
  it.each([['identity'], ['boundary'], ['session'], ['scp']] as [PolicyType][])('forbids Principal and NotPrincipal in %s policies', (type) => {
    const findings = findingsOf({ ...identity, Effect: 'Deny', Principal: '*', NotPrincipal: { AWS: '123456789012' } }, type);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['principal_not_allowed', 'Statement[0].Principal'],
      ['principal_not_allowed', 'Statement[0].NotPrincipal'],
    ]);
  });

  it.each([['resource'], ['trust']] as [PolicyType][])('requires exactly one of Principal and NotPrincipal in %s policies', (type) => {
    expect(errorCodes(identity, type)).toEqual(['missing_principal']);
    expect(errorCodes({ ...resource, Effect: 'Deny', NotPrincipal: { AWS: '123456789012' } }, type)).toEqual(['principal_and_not_principal']);
    expect(errorCodes(resource, type)).toEqual([]);
  });

  it('rejects NotPrincipal with Allow and accepts it with Deny', () => {
    const notPrincipal = { ...identity, NotPrincipal: { AWS: 'arn:aws:iam::444455556666:user/Bob' } };
    const findings = findingsOf(notPrincipal, 'resource');
    expect(findings.map((f) => [f.code, f.path])).toEqual([['not_principal_with_allow', 'Statement[0].NotPrincipal']]);
    expect(errorCodes({ ...notPrincipal, Effect: 'Deny' }, 'resource')).toEqual([]);
  });

  it('requires Principal "*" in RCPs and rejects NotPrincipal and NotAction (orgs_manage_policies_rcps_syntax)', () => {
    const rcp = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' };
    expect(errorCodes(rcp, 'rcp')).toEqual([]);
    const { Principal: _, ...noPrincipal } = rcp;
    expect(errorCodes(noPrincipal, 'rcp')).toEqual(['missing_principal']);
    expect(errorCodes({ ...rcp, Principal: { AWS: '*' } }, 'rcp')).toEqual(['rcp_principal_not_wildcard']);
    expect(errorCodes({ ...rcp, Principal: { AWS: '111122223333' } }, 'rcp')).toEqual(['rcp_principal_not_wildcard']);
    const unsupported = findingsOf({ ...noPrincipal, NotPrincipal: { AWS: '111122223333' }, NotAction: 's3:Get*', Action: undefined }, 'rcp');
    expect(unsupported.map((f) => [f.code, f.path])).toEqual([
      ['unsupported_element', 'Statement[0].NotPrincipal'],
      ['unsupported_element', 'Statement[0].NotAction'],
      ['missing_principal', 'Statement[0]'],
    ]);
  });
});

describe('findings name the statement', () => {
  it('carry statementIndex and sid', () => {
    const findings = parsePolicy(
      { Version: '2012-10-17', Statement: [identity, { ...identity, Sid: 'Broken', Action: 'nope' }] },
      'identity',
    ).findings;
    expect(findings).toEqual([
      {
        severity: 'ERROR',
        code: 'invalid_action',
        message: 'invalid action `nope`: write `*` or `service:action` with a service prefix of letters, digits and hyphens',
        path: 'Statement[1].Action',
        statementIndex: 1,
        sid: 'Broken',
      },
    ]);
  });
});
