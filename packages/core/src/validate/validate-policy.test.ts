import { describe, expect, it } from 'vitest';
import type { Finding, PolicyType } from '../model/policy.ts';
import { hasErrors, validatePolicy } from './validate-policy.ts';

/** Policies shaped like the examples of the IAM, S3 and Organizations user guides: they validate clean. */
const CLEAN: [string, PolicyType, Record<string, unknown>][] = [
  [
    'home folder per user (reference_policies_variables)',
    'identity',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListHomeFolder',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
          Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', 'home/${aws:username}'] } },
        },
        { Sid: 'ReadWriteHomeFolder', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*' },
      ],
    },
  ],
  [
    'deny without MFA (reference_policies_elements_condition_operators, IfExists)',
    'identity',
    {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', Action: 'ec2:StopInstances', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    },
  ],
  [
    'deny outside an IP range unless via an AWS service',
    'identity',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24', '2001:DB8:1234:5678::/64'] },
          Bool: { 'aws:ViaAWSService': 'false' },
        },
      },
    },
  ],
  [
    'time window (DateGreaterThan / DateLessThan)',
    'identity',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 'orders:GetOrder',
        Resource: 'arn:aws:orders:eu-west-1:123456789012:order/*',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2020-06-30T23:59:59Z' } },
      },
    },
  ],
  [
    'EC2 service role trust',
    'trust',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  ],
  [
    'cross-account trust with an external id',
    'trust',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' } },
      },
    },
  ],
  [
    'web identity trust',
    'trust',
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'accounts.google.com:aud': '66677788899.apps.googleusercontent.com' } },
      },
    },
  ],
  [
    'S3 bucket policy denying plain HTTP',
    'resource',
    {
      Version: '2012-10-17',
      Id: 'RequireTls',
      Statement: [
        {
          Sid: 'AllowAccountRead',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
        },
        {
          Sid: 'Deny plain HTTP',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  ],
  [
    'SCP denying regions outside a list',
    'scp',
    {
      Version: '2012-10-17',
      Statement: {
        Sid: 'DenyAllOutsideEU',
        Effect: 'Deny',
        NotAction: ['iam:*', 'organizations:*', 'sts:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] } },
      },
    },
  ],
  [
    'SCP full access',
    'scp',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  ],
  [
    'RCP requiring TLS (orgs_manage_policies_rcps_syntax)',
    'rcp',
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }],
    },
  ],
];

describe('validatePolicy on documented examples', () => {
  it.each(CLEAN)('%s: no findings', (_name, type, document) => {
    expect(validatePolicy(document, type)).toEqual([]);
    expect(validatePolicy(JSON.stringify(document, null, 2), type)).toEqual([]);
  });
});

describe('validatePolicy', () => {
  it('returns the parser findings for a document it cannot read', () => {
    expect(validatePolicy('not json', 'identity').map((f) => f.code)).toEqual(['invalid_json']);
    expect(validatePolicy('[1]', 'identity').map((f) => f.code)).toEqual(['invalid_document']);
  });

  it('combines grammar, security, condition and redundancy findings, document-level first, then by statement', () => {
    const findings = validatePolicy(
      {
        Statement: [
          { Sid: 'Broad', Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:username': 'x' } } },
          { Sid: 'Bad', Effect: 'Allow', Action: 's3', Resource: '*' },
          { Sid: 'Twice', Effect: 'Deny', Action: 's3:GetObject', Resource: ['*', '*'] },
        ],
        Extra: true,
      },
      'identity',
    );
    expect(findings.map((f: Finding) => [f.severity, f.code, f.path, f.statementIndex, f.sid])).toEqual([
      ['ERROR', 'unknown_element', 'Extra', undefined, undefined],
      ['WARNING', 'missing_version', 'Version', undefined, undefined],
      ['SECURITY_WARNING', 'allow_with_not_action', 'Statement[0].NotAction', 0, 'Broad'],
      ['WARNING', 'set_operator_on_single_valued_key', 'Statement[0].Condition.ForAnyValue:StringEquals.aws:username', 0, 'Broad'],
      ['ERROR', 'invalid_action', 'Statement[1].Action', 1, 'Bad'],
      ['SUGGESTION', 'duplicate_value', 'Statement[2].Resource[1]', 2, 'Twice'],
    ]);
    expect(hasErrors(findings)).toBe(true);
  });

  it('names every finding with a snake_case code and a lowercase message without a trailing period', () => {
    const bad: [unknown, PolicyType][] = [
      [
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', NotAction: 'x', NotResource: 'y', Condition: { Foo: { k: 1 }, NullIfExists: { 'a:b': 'x' } } },
            { Effect: 'allow', Sid: 7 },
            { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::*:root' }, Action: ['s3:*', 's3:*'], Resource: 'arn:aws:s3:::b/${x' },
          ],
        },
        'resource',
      ],
      [{ Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject'], Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '1.2.3.4/8' } } } }, 'trust'],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: '*', NotAction: '*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }, 'rcp'],
      [{ Version: 1, Statement: [{ Sid: 'a b', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:username': 'a*' } } }] }, 'identity'],
    ];
    const codes = new Set<string>();
    for (const [document, type] of bad) {
      for (const f of validatePolicy(document as Record<string, unknown>, type)) {
        codes.add(f.code);
        expect(f.code).toMatch(/^[a-z]+(?:_[a-z0-9]+)*$/);
        expect(f.message).toMatch(/^[a-z`$]/);
        expect(f.message).not.toMatch(/\.$/);
      }
    }
    expect(codes.size).toBeGreaterThan(20);
  });
});

describe('hasErrors', () => {
  it('is true only when an ERROR is present', () => {
    const finding = (severity: Finding['severity']): Finding => ({ severity, code: 'x', message: 'x', path: '' });
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([finding('SECURITY_WARNING'), finding('WARNING'), finding('SUGGESTION')])).toBe(false);
    expect(hasErrors([finding('WARNING'), finding('ERROR')])).toBe(true);
  });
});
