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

/** Organizations ARNs, all owned by the management account. */
export const orgArns = {
  organization: (mgmt: string, orgId: string) => `arn:${PARTITION}:organizations::${mgmt}:organization/${orgId}`,
  root: (mgmt: string, orgId: string, rootId: string) => `arn:${PARTITION}:organizations::${mgmt}:root/${orgId}/${rootId}`,
  ou: (mgmt: string, orgId: string, ouId: string) => `arn:${PARTITION}:organizations::${mgmt}:ou/${orgId}/${ouId}`,
  account: (mgmt: string, orgId: string, accountId: string) => `arn:${PARTITION}:organizations::${mgmt}:account/${orgId}/${accountId}`,
  policy: (mgmt: string, orgId: string, kind: 'scp' | 'rcp', policyId: string) =>
    `arn:${PARTITION}:organizations::${mgmt}:policy/${orgId}/${ORG_POLICY_TYPES[kind]}/${policyId}`,
};

/** The policy-type segment of SCP and RCP ARNs. */
const ORG_POLICY_TYPES = { scp: 'service_control_policy', rcp: 'resource_control_policy' } as const;
