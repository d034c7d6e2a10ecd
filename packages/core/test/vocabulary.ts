// A small IAM vocabulary for property tests: few actions, resources, keys and values, so that
// random policies match random requests often enough for the properties to bite.

/** Account A holds most of the world; B is a second member account; MGMT the management account. */
export const ACCT_A = '111111111111';
export const ACCT_B = '222222222222';
export const MGMT = '999999999999';
export const ORG_ID = 'o-abcdefghij';

export const ALICE = `arn:aws:iam::${ACCT_A}:user/alice`;
export const BOB = `arn:aws:iam::${ACCT_A}:user/bob`;
export const CAROL = `arn:aws:iam::${ACCT_B}:user/carol`;
export const APP = `arn:aws:iam::${ACCT_A}:role/app`;
export const APP_SESSION = `arn:aws:sts::${ACCT_A}:assumed-role/app/s1`;
export const DEVS = `arn:aws:iam::${ACCT_A}:group/devs`;
export const BUCKET = 'arn:aws:s3:::bkt';
export const ORDERS = `arn:aws:orders:eu-west-1:${ACCT_A}:order`;

/** ARNs of the world's managed identity policies P0..P4 (P4 lives in account B), the boundary, the extra SCP. */
export const MANAGED = [0, 1, 2, 3].map((i) => `arn:aws:iam::${ACCT_A}:policy/p${i}`).concat(`arn:aws:iam::${ACCT_B}:policy/p4`);
export const BOUNDARY = `arn:aws:iam::${ACCT_A}:policy/boundary`;
export const FULL_ACCESS = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess';
export const EXTRA_SCP = `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/p-extra123`;

/** Concrete actions requests use. */
export const ACTIONS = ['s3:GetObject', 's3:PutObject', 'orders:GetOrder', 'orders:RefundOrder', 'sts:AssumeRole'];
/** Action patterns policies use. */
export const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 'orders:*', '*', 'orders:???Order', 'S3:getobject'];
/** Concrete resources requests use. */
export const RESOURCES = [
  `${BUCKET}/a.txt`, `${BUCKET}/alice/x`, `${ORDERS}/1`, `arn:aws:orders:eu-west-1:${ACCT_B}:order/2`, APP,
];
/** Resource patterns policies use. */
export const RESOURCE_PATTERNS = [
  ...RESOURCES, '*', `${BUCKET}/*`, 'arn:aws:orders:*:*:order/*', `${BUCKET}/\${aws:username}/*`, `${ORDERS}/*`,
  `arn:aws:iam::${ACCT_A}:role/*`,
];

/** Condition keys with the operators and values that suit them (`maxValues` where the operator takes one value). */
export const CONDITION_KEYS: ReadonlyArray<{ key: string; operators: string[]; values: unknown[]; maxValues?: number }> = [
  {
    key: 'aws:PrincipalTag/team',
    operators: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringEqualsIgnoreCase'],
    values: ['red', 'blue', 'r*', 'RED', '${aws:ResourceTag/team}'],
  },
  { key: 'aws:ResourceTag/team', operators: ['StringEquals', 'StringNotEquals'], values: ['red', 'blue', '${aws:PrincipalTag/team}'] },
  { key: 'orders:Amount', operators: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals'], values: ['100', '500', 250] },
  { key: 'aws:MultiFactorAuthPresent', operators: ['Bool'], values: ['true', 'false', true], maxValues: 1 },
  { key: 'aws:SourceIp', operators: ['IpAddress', 'NotIpAddress'], values: ['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32'] },
  { key: 'aws:CurrentTime', operators: ['DateGreaterThan', 'DateLessThan'], values: ['2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z'] },
  { key: 'aws:PrincipalArn', operators: ['ArnLike', 'ArnNotLike', 'ArnEquals'], values: [`arn:aws:iam::${ACCT_A}:user/*`, 'arn:aws:iam::*:role/app', ALICE] },
  { key: 'aws:PrincipalAccount', operators: ['StringEquals'], values: [ACCT_A, ACCT_B] },
  { key: 'aws:TagKeys', operators: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'], values: ['team', 'env', 'own*', 'Team'] },
];

/**
 * Keys a request may send as a list of strings (the empty list included); conditions on them may take a set
 * qualifier. Besides the truly multi-valued aws:TagKeys, one numeric and one IP key put lists under those operators.
 */
export const MULTI_VALUED_KEYS: ReadonlySet<string> = new Set(['aws:TagKeys', 'orders:Amount', 'aws:SourceIp']);
/** The set operators' qualifiers, written `ForAnyValue:StringEquals`. */
export const SET_QUALIFIERS = ['ForAnyValue', 'ForAllValues'] as const;

/** Principal element values for resource and trust policies. */
export const PRINCIPAL_VALUES: unknown[] = [
  '*', { AWS: '*' }, { AWS: ACCT_A }, { AWS: `arn:aws:iam::${ACCT_A}:root` }, { AWS: ALICE }, { AWS: [BOB, CAROL] },
  { AWS: APP }, { AWS: APP_SESSION }, { AWS: `arn:aws:iam::${ACCT_B}:root` }, { Service: 'ec2.amazonaws.com' },
];

/** Caller context values (keys the engine derives are never sent). */
export const CONTEXT_VALUES: Readonly<Record<string, unknown[]>> = {
  'aws:SourceIp': ['10.1.2.3', '203.0.113.9', '2001:db8::1'],
  'orders:Amount': [50, 250, 1000, '700'],
  'aws:TagKeys': ['team', 'env', 'owner', 'Team'],
};

/** Request times on both sides of the date values above. */
export const TIMES: unknown[] = ['2025-01-01T00:00:00Z', '2025-12-01T00:00:00Z', Date.UTC(2026, 5, 1)];

/** Principal ARNs the world does not know (never the root of an account). */
export const UNKNOWN_ARNS = [
  `arn:aws:iam::${ACCT_A}:user/ghost`, `arn:aws:iam::${ACCT_A}:role/nope`, `arn:aws:sts::${ACCT_A}:assumed-role/nope/s1`,
  `arn:aws:iam::${ACCT_A}:user/alice/extra`, 'alice', '', 'arn:aws:iam::111111111111:user/*',
  `arn:aws:iam::${ACCT_A}:user/ali?e`,
];
