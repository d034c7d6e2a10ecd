// Statement templates for the identity-based policies of the synthetic worlds.

import type { Rng } from './prng.ts';
import { CORPORATE_CIDRS, ALLOWED_REGIONS } from './vocab.ts';

/** A statement as written in a policy document. */
export type Statement = Record<string, unknown>;

/** Where a statement is written: the account, the team it serves, and names it may point at. */
export interface StatementScope {
  account: string;
  region: string;
  team: string;
  /** Name of a team bucket (S3 bucket names are global, so they carry the account index). */
  bucket: string;
}

type Template = (rng: Rng, s: StatementScope) => Statement;

const ordersArn = (s: StatementScope, region = s.region): string => `arn:aws:orders:${region}:${s.account}:order/*`;

/** Identity statement templates; each key is also the Sid stem. */
export const IDENTITY_TEMPLATES: Readonly<Record<string, Template>> = {
  ReadTeamBucket: (_r, s) => ({
    Effect: 'Allow',
    Action: ['s3:Get*', 's3:List*'],
    Resource: [`arn:aws:s3:::${s.bucket}`, `arn:aws:s3:::${s.bucket}/*`],
  }),
  WriteOwnPrefix: (_r, s) => ({
    Effect: 'Allow',
    Action: ['s3:PutObject', 's3:DeleteObject'],
    Resource: `arn:aws:s3:::${s.bucket}/home/\${aws:username}/*`,
  }),
  ManageTeamOrders: (_r, s) => ({
    Effect: 'Allow',
    Action: 'orders:*',
    Resource: ordersArn(s),
    Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
  }),
  ReadOrders: (_r, s) => ({
    Effect: 'Allow',
    Action: ['orders:GetOrder', 'orders:ListOrders'],
    Resource: ordersArn(s, '*'),
  }),
  SmallRefundsWithMfa: (r, s) => ({
    Effect: 'Allow',
    Action: 'orders:RefundOrder',
    Resource: ordersArn(s),
    Condition: {
      NumericLessThan: { 'orders:Amount': r.pick([200, 500, 1000]) },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    },
  }),
  DenyLargeRefunds: (r) => ({
    Effect: 'Deny',
    Action: 'orders:RefundOrder',
    Resource: '*',
    Condition: { NumericGreaterThanEquals: { 'orders:Amount': r.pick([5000, 10000]) } },
  }),
  DescribeEc2: () => ({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }),
  OperateTeamInstances: (_r, s) => ({
    Effect: 'Allow',
    Action: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances'],
    Resource: `arn:aws:ec2:*:${s.account}:instance/*`,
    Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
  }),
  DenyTerminateOutsideSandbox: () => ({
    Effect: 'Deny',
    Action: 'ec2:TerminateInstances',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:ResourceTag/env': 'sandbox' } },
  }),
  TeamTables: (_r, s) => ({
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    Resource: `arn:aws:dynamodb:${s.region}:${s.account}:table/${s.team}-*`,
  }),
  TeamQueues: (_r, s) => ({
    Effect: 'Allow',
    Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    Resource: `arn:aws:sqs:${s.region}:${s.account}:${s.team}-*`,
  }),
  DenyOutsideCorporateNetwork: () => ({
    Effect: 'Deny',
    Action: ['orders:CancelOrder', 'orders:RefundOrder', 's3:DeleteObject'],
    Resource: '*',
    Condition: { NotIpAddress: { 'aws:SourceIp': [...CORPORATE_CIDRS] } },
  }),
  DenyWithoutMfa: () => ({
    Effect: 'Deny',
    Action: ['s3:DeleteBucket', 's3:PutBucketPolicy', 'iam:*'],
    Resource: '*',
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  }),
  ApproveInvoicesThisPeriod: (r, s) => ({
    Effect: 'Allow',
    Action: ['invoices:ApproveInvoice', 'invoices:GetInvoice', 'invoices:List*'],
    Resource: `arn:aws:invoices:${s.region}:${s.account}:invoice/*`,
    Condition: {
      DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' },
      DateLessThan: { 'aws:CurrentTime': r.pick(['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z']) },
    },
  }),
  DecryptViaServices: (_r, s) => ({
    Effect: 'Allow',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: `arn:aws:kms:${s.region}:${s.account}:key/*`,
    Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'dynamodb.*.amazonaws.com'] } },
  }),
  AssumeTeamRoles: (_r, s) => ({
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: `arn:aws:iam::${s.account}:role/${s.team}-*`,
  }),
  CreateOrdersWithTags: (_r, s) => ({
    Effect: 'Allow',
    Action: 'orders:CreateOrder',
    Resource: ordersArn(s),
    Condition: {
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'costCenter', 'priority'] },
      Null: { 'aws:TagKeys': 'false' },
    },
  }),
  RegionalInvoices: (_r, s) => ({
    Effect: 'Allow',
    Action: 'invoices:Get*',
    Resource: `arn:aws:invoices:*:${s.account}:invoice/*`,
    Condition: { StringEqualsIgnoreCase: { 'aws:RequestedRegion': [...ALLOWED_REGIONS] } },
  }),
  DenyInsecureTransport: () => ({
    Effect: 'Deny',
    Action: ['s3:*', 'orders:*'],
    Resource: '*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }),
  PowerUserOutsideIam: (_r, s) => ({
    Effect: 'Allow',
    NotAction: ['iam:*', 'organizations:*', 'sts:*'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalTag/access': 'power', 'aws:ResourceAccount': s.account } },
  }),
  DenyOtherTeamsBuckets: (_r, s) => ({
    Effect: 'Deny',
    Action: ['s3:PutObject', 's3:DeleteObject'],
    NotResource: `arn:aws:s3:::acct*-${s.team}-*`,
  }),
  PassServiceRoles: (_r, s) => ({
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${s.account}:role/${s.team}-service-*`,
    Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
  }),
};

/** Names of the identity templates, in a fixed order. */
export const IDENTITY_TEMPLATE_NAMES: readonly string[] = Object.keys(IDENTITY_TEMPLATES);

/** Templates that are mostly Allow and broad: the usual content of a team's policies. */
const COMMON = ['ReadTeamBucket', 'ManageTeamOrders', 'ReadOrders', 'DescribeEc2', 'TeamTables', 'TeamQueues'];

/** `count` statements with distinct templates (weighted toward the common ones), each with a Sid. */
export function identityStatements(rng: Rng, scope: StatementScope, count: number): Statement[] {
  const names = new Set<string>();
  while (names.size < Math.min(count, IDENTITY_TEMPLATE_NAMES.length)) {
    names.add(rng.chance(0.4) ? rng.pick(COMMON) : rng.pick(IDENTITY_TEMPLATE_NAMES));
  }
  return [...names].map((name, i) => ({ Sid: `${name}${i}`, ...IDENTITY_TEMPLATES[name](rng, scope) }));
}
