// ARN builders for the entities the admin plane manages (IAM and Organizations shapes).

/** Partition of every ARN we build. */
export const PARTITION = 'aws';

/** The IAM entity types with a name and a path. */
export type IamEntityType = 'user' | 'group' | 'role' | 'policy';

/** `arn:aws:iam::ACCT:TYPE/PATH/NAME` (`path` is `/` or `/a/b/`). */
export function iamArn(accountId: string, type: IamEntityType, name: string, path = '/'): string {
  return `arn:${PARTITION}:iam::${accountId}:${type}${path}${name}`;
}

/** The root principal of an account. */
export function rootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

/** Splits an IAM entity ARN into account, type, path and name (null when it is not one). */
export function parseIamArn(arn: string): { accountId: string; type: IamEntityType; path: string; name: string } | null {
  const m = /^arn:[^:]+:iam::([0-9]{12}|aws):(user|group|role|policy)(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  if (!m) return null;
  return { accountId: m[1], type: m[2] as IamEntityType, path: m[3], name: m[4] };
}

/** The account field of any ARN (empty when it has none). */
export function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** Organizations ARNs, all owned by the management account. */
export const orgArns = {
  organization: (mgmt: string, orgId: string) => `arn:${PARTITION}:organizations::${mgmt}:organization/${orgId}`,
  root: (mgmt: string, orgId: string, rootId: string) => `arn:${PARTITION}:organizations::${mgmt}:root/${orgId}/${rootId}`,
  ou: (mgmt: string, orgId: string, ouId: string) => `arn:${PARTITION}:organizations::${mgmt}:ou/${orgId}/${ouId}`,
  account: (mgmt: string, orgId: string, accountId: string) => `arn:${PARTITION}:organizations::${mgmt}:account/${orgId}/${accountId}`,
  policy: (mgmt: string, orgId: string, policyId: string) =>
    `arn:${PARTITION}:organizations::${mgmt}:policy/${orgId}/service_control_policy/${policyId}`,
};
