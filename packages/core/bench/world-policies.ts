// Whole policy documents of the synthetic worlds: SCPs, boundaries, trust and resource policies.

import type { Rng } from './prng.ts';
import type { Statement } from './world-statements.ts';
import { ALLOWED_REGIONS, CORPORATE_CIDRS, POLICY_VERSION, ROLE_SERVICES } from './vocab.ts';

/** A policy document object. */
export type Doc = { Version: string; Statement: Statement[] };

/** Wraps statements into a document. */
export const doc = (statements: Statement[]): Doc => ({ Version: POLICY_VERSION, Statement: statements });

/** The AWS-managed FullAWSAccess SCP. */
export const fullAccessScp = (): Doc => doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

/** The deny SCPs an organization uses, by name; attached at chosen levels of the tree. */
export const DENY_SCPS: Readonly<Record<string, (orgId: string) => Doc>> = {
  DenyOutsideRegions: () =>
    doc([{
      Sid: 'DenyOutsideRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'organizations:*', 's3:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': [...ALLOWED_REGIONS] } },
    }]),
  DenyLeaveOrganization: () =>
    doc([{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]),
  ProtectProduction: () =>
    doc([
      {
        Sid: 'DenyDestructiveWithoutMfa',
        Effect: 'Deny',
        Action: ['s3:DeleteBucket', 'dynamodb:DeleteTable', 'ec2:TerminateInstances', 'kms:ScheduleKeyDeletion'],
        Resource: '*',
        Condition: {
          BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/break-glass-*' },
        },
      },
      { Sid: 'DenyIamUsers', Effect: 'Deny', Action: ['iam:CreateUser'], Resource: '*' },
    ]),
  SandboxLimits: () =>
    doc([
      {
        Sid: 'CapRefunds',
        Effect: 'Deny',
        Action: 'orders:RefundOrder',
        Resource: '*',
        Condition: { NumericGreaterThan: { 'orders:Amount': 100 } },
      },
      {
        Sid: 'SmallInstancesOnly',
        Effect: 'Deny',
        Action: 'ec2:RunInstances',
        Resource: 'arn:aws:ec2:*:*:instance/*',
        Condition: { StringNotLike: { 'ec2:InstanceType': ['t3.*', 't4g.*'] } },
      },
    ]),
  DenyAfterSunset: () =>
    doc([{
      Sid: 'DenyAfterSunset',
      Effect: 'Deny',
      Action: ['invoices:ApproveInvoice', 'invoices:VoidInvoice'],
      Resource: '*',
      Condition: { DateGreaterThanEquals: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
    }]),
  RequireOrgPrincipals: (orgId) =>
    doc([{
      Sid: 'DenyForeignPrincipals',
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId } },
    }]),
};

/** A permissions boundary: what a delegated principal may ever get. */
export function boundaryDoc(rng: Rng, account: string): Doc {
  const services = rng.pick([
    ['s3:*', 'orders:*', 'ec2:Describe*', 'dynamodb:*', 'sqs:*', 'invoices:Get*'],
    ['s3:Get*', 's3:List*', 'orders:Get*', 'orders:List*', 'ec2:Describe*', 'invoices:*'],
    ['orders:*', 'invoices:*', 'sqs:*', 'kms:Decrypt', 'sts:AssumeRole'],
  ]);
  return doc([
    { Sid: 'Ceiling', Effect: 'Allow', Action: services, Resource: '*' },
    {
      Sid: 'OwnAccountOnly',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:ResourceAccount': account } },
    },
    { Sid: 'NoIamWrites', Effect: 'Deny', Action: ['iam:Create*', 'iam:Attach*', 'iam:Put*'], Resource: '*' },
  ]);
}

/** A role trust policy of one of the common shapes. */
export function trustDoc(rng: Rng, account: string, partner: string, users: readonly string[]): Doc {
  const shape = rng.int(0, 4);
  if (shape === 0 || users.length === 0) {
    return doc([{ Effect: 'Allow', Principal: { Service: rng.pick(ROLE_SERVICES) }, Action: 'sts:AssumeRole' }]);
  }
  if (shape === 1) {
    return doc([{
      Sid: 'AccountWithMfa',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }]);
  }
  if (shape === 2) {
    return doc([{ Sid: 'NamedUsers', Effect: 'Allow', Principal: { AWS: rng.sample(users, 3) }, Action: 'sts:AssumeRole' }]);
  }
  if (shape === 3) {
    return doc([{
      Sid: 'PartnerWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${partner}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': `ext-${account.slice(-4)}` } },
    }]);
  }
  const issuer = 'token.actions.githubusercontent.com';
  return doc([{
    Sid: 'GithubActions',
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${issuer}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${issuer}:sub`]: 'repo:acme/*:ref:refs/heads/main' },
    },
  }]);
}

/** A bucket policy: TLS only, a partner account reads, a team role writes, the organization reads public/. */
export function bucketPolicy(bucket: string, partner: string, role: string | undefined, orgId: string): Doc {
  const arn = `arn:aws:s3:::${bucket}`;
  const statements: Statement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    { Sid: 'PartnerRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${partner}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [arn, `${arn}/*`] },
    {
      Sid: 'OrgReadsPublic',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${arn}/public/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } },
    },
  ];
  if (role) statements.push({ Sid: 'TeamRoleWrites', Effect: 'Allow', Principal: { AWS: role }, Action: 's3:PutObject', Resource: `${arn}/*` });
  return doc(statements);
}

/** A resource policy on a team's orders: a partner account reads them from the corporate network. */
export function ordersPolicy(ordersParent: string, partner: string): Doc {
  return doc([{
    Sid: 'PartnerReadsOrders',
    Effect: 'Allow',
    Principal: { AWS: partner },
    Action: ['orders:GetOrder', 'orders:ListOrders'],
    Resource: `${ordersParent}/*`,
    Condition: { IpAddress: { 'aws:SourceIp': [...CORPORATE_CIDRS] } },
  }]);
}

/** A queue policy: the account's SNS topics of the team may send. */
export function queuePolicy(queue: string, account: string, region: string, team: string): Doc {
  return doc([{
    Sid: 'TopicsSend',
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: queue,
    Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:${region}:${account}:${team}-*` } },
  }]);
}

/** A KMS key policy: the account delegates to IAM, one role decrypts directly. */
export function keyPolicy(account: string, role: string | undefined): Doc {
  const statements: Statement[] = [
    { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
  ];
  if (role) statements.push({ Sid: 'RoleDecrypts', Effect: 'Allow', Principal: { AWS: role }, Action: 'kms:Decrypt', Resource: '*' });
  return doc(statements);
}
