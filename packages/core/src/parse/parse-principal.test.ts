import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/policy.ts';
import { parsePolicy } from './parse-policy.ts';
import { isEveryone } from './parse-principal.ts';

const withPrincipal = (principal: unknown): Finding[] =>
  parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: principal, Action: 's3:*', Resource: '*' }] }, 'resource').findings;
const summary = (findings: Finding[]): [string, string][] => findings.map((f) => [f.code, f.path]);

describe('Principal values', () => {
  it.each([
    ['*'],
    [{ AWS: '*' }],
    [{ AWS: '123456789012' }],
    [{ AWS: 'arn:aws:iam::123456789012:root' }],
    [{ AWS: 'arn:aws:iam::123456789012:user/user-name' }],
    [{ AWS: 'arn:aws:iam::123456789012:role/path/role-name' }],
    [{ AWS: 'arn:aws:sts::123456789012:assumed-role/role-name/role-session-name' }],
    [{ AWS: 'arn:aws:sts::123456789012:federated-user/user-name' }],
    [{ AWS: 'arn:aws-cn:iam::123456789012:root' }],
    [{ Federated: 'arn:aws:iam::111122223333:saml-provider/provider-name' }],
    [{ Federated: 'accounts.google.com' }],
    [{ Service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] }],
  ])('accepts %j', (principal) => {
    expect(withPrincipal(principal)).toEqual([]);
  });

  it('rejects a bare string other than "*"', () => {
    const findings = withPrincipal('123456789012');
    expect(summary(findings)).toEqual([['invalid_principal', 'Statement[0].Principal']]);
    expect(findings[0].message).toContain('{"AWS": ["123456789012"]}');
  });

  it('rejects unknown principal types, suggesting the spelling', () => {
    const findings = withPrincipal({ aws: '123456789012', Group: 'admins' });
    expect(summary(findings)).toEqual([
      ['invalid_principal', 'Statement[0].Principal.aws'],
      ['invalid_principal', 'Statement[0].Principal.Group'],
    ]);
    expect(findings[0].message).toContain('did you mean `AWS`');
  });

  it.each([
    [{ AWS: 'arn:aws:iam::123456789012:user/*' }, 'Statement[0].Principal.AWS'],
    [{ AWS: ['123456789012', 'arn:aws:iam::*:root'] }, 'Statement[0].Principal.AWS[1]'],
    [{ AWS: 'arn:aws:iam::123456789012:role/dev-?' }, 'Statement[0].Principal.AWS'],
    [{ Service: '*.amazonaws.com' }, 'Statement[0].Principal.Service'],
  ])('rejects partial wildcards in %j', (principal, path) => {
    expect(summary(withPrincipal(principal))).toEqual([['principal_partial_wildcard', path]]);
  });

  it.each([
    [{ AWS: '12345' }],
    [{ AWS: 'bob' }],
    [{ AWS: 'arn:aws:s3:::bucket' }],
    [{ AWS: 'arn:aws:iam::123456789012' }],
    [{ AWS: '' }],
    [{ Service: '' }],
    [{ AWS: 'arn:aws:iam::123456789012:user/${aws:username}' }],
  ])('rejects %j', (principal) => {
    expect(withPrincipal(principal).map((f) => f.code)).toEqual(['invalid_principal']);
  });

  it('rejects other types and suggests removing an empty object', () => {
    expect(summary(withPrincipal(['*']))).toEqual([['invalid_type', 'Statement[0].Principal']]);
    expect(summary(withPrincipal({ AWS: 12 }))).toEqual([['invalid_type', 'Statement[0].Principal.AWS']]);
    expect(withPrincipal({}).map((f) => [f.severity, f.code])).toEqual([['SUGGESTION', 'empty_object']]);
  });
});

describe('isEveryone', () => {
  it('is true for "*" and {"AWS": "*"} only', () => {
    expect(isEveryone({ type: '*', value: '*' })).toBe(true);
    expect(isEveryone({ type: 'AWS', value: '*' })).toBe(true);
    expect(isEveryone({ type: 'Service', value: '*' })).toBe(false);
    expect(isEveryone({ type: 'AWS', value: '123456789012' })).toBe(false);
  });
});
