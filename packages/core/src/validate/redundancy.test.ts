import { describe, expect, it } from 'vitest';
import type { Finding, PolicyType } from '../model/policy.ts';
import { validatePolicy } from './validate-policy.ts';

const suggestions = (statements: unknown[], type: PolicyType = 'identity'): [string, string][] =>
  validatePolicy({ Version: '2012-10-17', Statement: statements }, type)
    .filter((f: Finding) => f.severity === 'SUGGESTION')
    .map((f) => [f.code, f.path]);
const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };

describe('duplicate_value and redundant_value', () => {
  it('reports repeats in Action (ignoring case) and Resource (case-sensitive)', () => {
    expect(
      suggestions([
        {
          ...read,
          Action: ['s3:GetObject', 's3:PutObject', 'S3:GETOBJECT'],
          Resource: ['arn:aws:s3:::b/Key', 'arn:aws:s3:::b/key', 'arn:aws:s3:::b/Key'],
        },
      ]),
    ).toEqual([
      ['duplicate_value', 'Statement[0].Action[2]'],
      ['duplicate_value', 'Statement[0].Resource[2]'],
    ]);
  });

  it('reports values covered by a wider pattern in the same list', () => {
    expect(suggestions([{ ...read, Action: ['s3:GetObject', 's3:Get*', 's3:ListBucket'] }])).toEqual([['redundant_value', 'Statement[0].Action[0]']]);
    expect(
      suggestions([{ Effect: 'Deny', NotAction: ['iam:*', 'iam:PassRole'], NotResource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/*'] }]),
    ).toEqual([
      ['redundant_value', 'Statement[0].NotAction[1]'],
      ['redundant_value', 'Statement[0].NotResource[1]'],
    ]);
  });

  it('reports only the later of two patterns that cover each other', () => {
    expect(suggestions([{ ...read, Action: ['s3:Get*', 's3:Get**'] }])).toEqual([['redundant_value', 'Statement[0].Action[1]']]);
  });
});

describe('redundant_statement', () => {
  it('reports the later of two identical statements', () => {
    expect(suggestions([read, { ...read, Sid: 'Again' }])).toEqual([['redundant_statement', 'Statement[1]']]);
  });

  it('reports a statement covered by a wider one of the same effect, wherever it is', () => {
    const wide = { Sid: 'ReadAll', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };
    const narrow = { ...read, Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    const findings = validatePolicy({ Version: '2012-10-17', Statement: [narrow, wide] }, 'identity').filter((f) => f.code === 'redundant_statement');
    expect(findings).toEqual([
      {
        severity: 'SUGGESTION',
        code: 'redundant_statement',
        message: 'statement is redundant: Statement[1] (`ReadAll`) already allows everything it does; remove it',
        path: 'Statement[0]',
        statementIndex: 0,
      },
    ]);
  });

  it('keeps statements a conditional, narrower, other-effect or NotAction statement cannot replace', () => {
    expect(suggestions([read, { ...read, Action: 's3:Get*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }])).toEqual([]);
    expect(suggestions([read, { ...read, Action: 's3:GetObjectAcl' }])).toEqual([]);
    expect(suggestions([read, { ...read, Effect: 'Deny' }])).toEqual([]);
    expect(suggestions([read, { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])).toEqual([]);
    expect(suggestions([read, { ...read, Resource: 'arn:aws:s3:::other/*' }])).toEqual([]);
  });

  it('compares principals in resource policies', () => {
    const bob = { ...read, Principal: { AWS: 'arn:aws:iam::111122223333:user/bob' } };
    const alice = { ...read, Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' } };
    const everyone = { ...read, Principal: '*', Condition: undefined };
    expect(suggestions([bob, alice], 'resource')).toEqual([]);
    expect(suggestions([bob, { ...bob, Principal: { AWS: ['arn:aws:iam::111122223333:user/bob', '111122223333'] } }], 'resource')).toEqual([
      ['redundant_statement', 'Statement[0]'],
    ]);
    expect(suggestions([bob, everyone], 'resource')).toEqual([['redundant_statement', 'Statement[0]']]);
  });

  it('treats an omitted trust Resource as every resource', () => {
    const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
    expect(suggestions([trust, { ...trust, Action: 'sts:*' }], 'trust')).toEqual([['redundant_statement', 'Statement[0]']]);
  });
});
