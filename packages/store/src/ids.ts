// Id generation and ARN building/parsing for IAM and Organizations entities.

import { randomBytes, randomInt } from 'node:crypto';
import { InvalidInputError } from './errors.ts';

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** IAM unique ids: prefix (`AIDA`, `AGPA`, `AROA`, `ANPA`) + 17 characters, as AWS. */
export function iamId(prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA'): string {
  return prefix + randomFrom(UPPER32, 17);
}

/** Access key id: `AKIA` + 16 characters. */
export function accessKeyId(): string {
  return 'AKIA' + randomFrom(UPPER32, 16);
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

/** A random 12-digit account id (not starting with 0). */
export function accountId(): string {
  return String(randomInt(1, 10)) + String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Organization id `o-` + 10, root `r-` + 4, OU `ou-ROOT-` + 8, org policy `p-` + 8. */
export const orgIds = {
  organization: () => 'o-' + randomFrom(LOWER36, 10),
  root: () => 'r-' + randomFrom(LOWER36, 4),
  ou: (rootId: string) => `ou-${rootId.slice(2)}-${randomFrom(LOWER36, 8)}`,
  policy: () => 'p-' + randomFrom(LOWER36, 8),
};

/** `arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME` for users, groups, roles and policies. */
export function iamArn(partition: string, account: string, type: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:${partition}:iam::${account}:${type}${path}${name}`;
}

/** ARN of an SCP or RCP. */
export function orgPolicyArn(partition: string, managementAccountId: string, orgId: string, kind: 'scp' | 'rcp', policyId: string): string {
  const type = kind === 'scp' ? 'service_control_policy' : 'resource_control_policy';
  return `arn:${partition}:organizations::${managementAccountId}:policy/${orgId}/${type}/${policyId}`;
}

/** `arn:PARTITION:iam::ACCOUNT:root`, the account root principal. */
export function rootArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:root`;
}

/** Matches an account root ARN; group 1 is the account id. */
export const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

/** The parts of an IAM ARN of the given type. */
export interface ParsedIamArn {
  partition: string;
  accountId: string;
  path: string;
  name: string;
}

/** Parses `arn:P:iam::ACCT:TYPE/PATH/NAME`; throws invalid_input when it does not match. */
export function parseIamArn(arn: string, type: 'user' | 'group' | 'role' | 'policy'): ParsedIamArn {
  const m = /^arn:([^:]+):iam::([^:]+):([a-z]+)(\/.*)$/.exec(arn);
  if (!m || m[3] !== type) throw new InvalidInputError(`\`${arn}\` is not an iam ${type} arn`);
  const rest = m[4];
  const cut = rest.lastIndexOf('/');
  return { partition: m[1], accountId: m[2], path: rest.slice(0, cut + 1), name: rest.slice(cut + 1) };
}

/** The account field of an ARN (empty when it has none). */
export function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}
