import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/policy.ts';
import { parsePolicy } from './parse-policy.ts';

const errors = (findings: Finding[]): string[] => findings.filter((f) => f.severity === 'ERROR').map((f) => f.code);
const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' };

describe('parsePolicy: the document', () => {
  it('accepts JSON text and an object alike', () => {
    const object = { Version: '2012-10-17', Statement: [allow] };
    const fromText = parsePolicy(JSON.stringify(object, null, 2), 'identity');
    const fromObject = parsePolicy(object, 'identity');
    expect(fromText).toEqual(fromObject);
    expect(fromText.findings).toEqual([]);
    expect(fromText.policy).toEqual({
      version: '2012-10-17',
      statements: [
        { index: 0, effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::amzn-s3-demo-bucket/*'], conditions: [] },
      ],
    });
  });

  it('returns no policy for text that is not JSON', () => {
    const { policy, findings } = parsePolicy('{"Version": "2012-10-17",', 'identity');
    expect(policy).toBeNull();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', code: 'invalid_json', path: '' });
    expect(findings[0].message).toMatch(/^document is not valid JSON: [a-z]/);
  });

  it.each([['[]'], ['"text"'], ['42'], ['null']])('returns no policy for a JSON %s that is not an object', (text) => {
    const { policy, findings } = parsePolicy(text, 'identity');
    expect(policy).toBeNull();
    expect(errors(findings)).toEqual(['invalid_document']);
  });

  it('returns no policy for an object that is not JSON-serializable', () => {
    const circular: Record<string, unknown> = { Version: '2012-10-17' };
    circular.Statement = circular;
    const { policy, findings } = parsePolicy(circular, 'identity');
    expect(policy).toBeNull();
    expect(errors(findings)).toEqual(['invalid_document']);
  });

  it('reports unknown top-level elements and suggests the spelling', () => {
    const { policy, findings } = parsePolicy({ Version: '2012-10-17', statement: [allow], Statement: [allow], Comment: 'x' }, 'identity');
    expect(policy?.statements).toHaveLength(1);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['unknown_element', 'statement'],
      ['unknown_element', 'Comment'],
    ]);
    expect(findings[0].message).toContain('did you mean `Statement`');
  });

  it('keeps the Id and reports one that is not a string', () => {
    expect(parsePolicy({ Version: '2012-10-17', Id: 'S3-Account-Permissions', Statement: allow }, 'identity').policy?.id).toBe(
      'S3-Account-Permissions',
    );
    const { findings } = parsePolicy({ Version: '2012-10-17', Id: 7, Statement: allow }, 'identity');
    expect(findings.map((f) => [f.code, f.path])).toEqual([['invalid_type', 'Id']]);
  });
});

describe('parsePolicy: Version', () => {
  it('assumes 2008-10-17 when Version is missing, with a warning', () => {
    const { policy, findings } = parsePolicy({ Statement: allow }, 'identity');
    expect(policy?.version).toBe('2008-10-17');
    expect(findings.map((f) => [f.severity, f.code, f.path])).toEqual([['WARNING', 'missing_version', 'Version']]);
  });

  it('keeps 2008-10-17 when written', () => {
    const { policy, findings } = parsePolicy({ Version: '2008-10-17', Statement: allow }, 'identity');
    expect(policy?.version).toBe('2008-10-17');
    expect(findings).toEqual([]);
  });

  it.each([['2012-10-18'], ['2012/10/17'], [20121017], [null]])('rejects Version %j', (version) => {
    const { policy, findings } = parsePolicy({ Version: version, Statement: allow }, 'identity');
    expect(errors(findings)).toEqual(['invalid_version']);
    expect(policy?.version).toBe('2012-10-17');
  });

  it('requires 2012-10-17 in RCPs', () => {
    const rcp = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' };
    expect(errors(parsePolicy({ Statement: rcp }, 'rcp').findings)).toEqual(['invalid_version']);
    expect(errors(parsePolicy({ Version: '2008-10-17', Statement: rcp }, 'rcp').findings)).toEqual(['invalid_version']);
    expect(parsePolicy({ Version: '2012-10-17', Statement: rcp }, 'rcp').findings).toEqual([]);
  });
});

describe('parsePolicy: Statement', () => {
  it('takes a single statement object as a list of one, with path `Statement`', () => {
    const { policy, findings } = parsePolicy({ Version: '2012-10-17', Statement: { ...allow, Action: 7 } }, 'identity');
    expect(policy?.statements).toHaveLength(1);
    expect(findings.map((f) => [f.code, f.path, f.statementIndex])).toEqual([['invalid_type', 'Statement.Action', 0]]);
  });

  it('reports a missing, empty or mistyped Statement', () => {
    expect(errors(parsePolicy({ Version: '2012-10-17' }, 'identity').findings)).toEqual(['missing_statement']);
    expect(errors(parsePolicy({ Version: '2012-10-17', Statement: [] }, 'identity').findings)).toEqual(['empty_statement']);
    expect(errors(parsePolicy({ Version: '2012-10-17', Statement: 'Allow' }, 'identity').findings)).toEqual(['invalid_type']);
    expect(parsePolicy({ Version: '2012-10-17', Statement: [] }, 'identity').policy?.statements).toEqual([]);
  });

  it('skips statements that are not objects or have no usable Effect, keeping indices', () => {
    const { policy, findings } = parsePolicy(
      { Version: '2012-10-17', Statement: ['x', { ...allow, Effect: 'allow' }, { ...allow, Sid: 'Third' }] },
      'identity',
    );
    expect(policy?.statements.map((s) => [s.index, s.sid])).toEqual([[2, 'Third']]);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['invalid_type', 'Statement[0]'],
      ['invalid_effect', 'Statement[1].Effect'],
    ]);
  });

  it('reports a duplicate Sid on the later statement', () => {
    const { findings } = parsePolicy(
      { Version: '2012-10-17', Statement: [{ ...allow, Sid: 'Same' }, { ...allow, Sid: 'Other' }, { ...allow, Effect: 'Deny', Sid: 'Same' }] },
      'identity',
    );
    expect(findings).toEqual([
      {
        severity: 'ERROR',
        code: 'duplicate_sid',
        message: expect.stringContaining('Statement[0]'),
        path: 'Statement[2].Sid',
        statementIndex: 2,
        sid: 'Same',
      },
    ]);
  });
});

describe('parsePolicy: normalization', () => {
  it('normalizes every list element to an array and keeps the Sid', () => {
    const { policy } = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'One', Effect: 'Deny', NotAction: 'iam:*', NotResource: ['arn:aws:iam::111122223333:role/admin', 'arn:aws:iam::111122223333:user/*'] },
        ],
      },
      'identity',
    );
    expect(policy?.statements[0]).toEqual({
      index: 0,
      sid: 'One',
      effect: 'Deny',
      notActions: ['iam:*'],
      notResources: ['arn:aws:iam::111122223333:role/admin', 'arn:aws:iam::111122223333:user/*'],
      conditions: [],
    });
  });

  it('splits conditions into one entry per operator and key, stringifying booleans and numbers', () => {
    const { policy, findings } = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          ...allow,
          Condition: {
            NumericLessThanEquals: { 's3:max-keys': 10 },
            Bool: { 'aws:SecureTransport': true, 'aws:MultiFactorAuthPresent': 'false' },
            'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['env*', 'team'] },
            DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' },
            NumericEquals: { 'x:ratio': [1.5, -2, 1e21] },
          },
        },
      },
      'identity',
    );
    expect(findings).toEqual([]);
    expect(policy?.statements[0].conditions).toEqual([
      { operatorText: 'NumericLessThanEquals', operator: 'NumericLessThanEquals', qualifier: null, ifExists: false, key: 's3:max-keys', values: ['10'] },
      { operatorText: 'Bool', operator: 'Bool', qualifier: null, ifExists: false, key: 'aws:SecureTransport', values: ['true'] },
      { operatorText: 'Bool', operator: 'Bool', qualifier: null, ifExists: false, key: 'aws:MultiFactorAuthPresent', values: ['false'] },
      {
        operatorText: 'ForAnyValue:StringLikeIfExists',
        operator: 'StringLike',
        qualifier: 'ForAnyValue',
        ifExists: true,
        key: 'aws:TagKeys',
        values: ['env*', 'team'],
      },
      { operatorText: 'DateGreaterThan', operator: 'DateGreaterThan', qualifier: null, ifExists: false, key: 'aws:CurrentTime', values: ['2020-04-01T00:00:00Z'] },
      { operatorText: 'NumericEquals', operator: 'NumericEquals', qualifier: null, ifExists: false, key: 'x:ratio', values: ['1.5', '-2', '1e+21'] },
    ]);
  });

  it('normalizes every principal form (reference_policies_elements_principal)', () => {
    const trust = (principal: unknown): unknown =>
      parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' } }, 'trust').policy
        ?.statements[0].principals;
    expect(trust('*')).toEqual([{ type: '*', value: '*' }]);
    expect(trust({ AWS: '*' })).toEqual([{ type: 'AWS', value: '*' }]);
    expect(trust({ AWS: ['123456789012', 'arn:aws:iam::123456789012:role/role-name'] })).toEqual([
      { type: 'AWS', value: '123456789012' },
      { type: 'AWS', value: 'arn:aws:iam::123456789012:role/role-name' },
    ]);
    expect(trust({ Service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] })).toEqual([
      { type: 'Service', value: 'ecs.amazonaws.com' },
      { type: 'Service', value: 'elasticloadbalancing.amazonaws.com' },
    ]);
    expect(trust({ Federated: 'cognito-identity.amazonaws.com' })).toEqual([{ type: 'Federated', value: 'cognito-identity.amazonaws.com' }]);
    expect(trust({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' })).toEqual([
      { type: 'CanonicalUser', value: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
    ]);
    expect(trust({ AWS: 'arn:aws:iam::123456789012:root', Service: 'ec2.amazonaws.com' })).toEqual([
      { type: 'AWS', value: 'arn:aws:iam::123456789012:root' },
      { type: 'Service', value: 'ec2.amazonaws.com' },
    ]);
  });

  it('leaves Resource out of a trust statement that omits it', () => {
    const { policy, findings } = parsePolicy(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } },
      'trust',
    );
    expect(findings).toEqual([]);
    expect(policy?.statements[0].resources).toBeUndefined();
    expect(policy?.statements[0].notResources).toBeUndefined();
  });
});
