// First start with an empty store: the management account, the organization with FullAWSAccess on its root, and an operator key.

import type { AuditInput, Store } from '@iam/store';
import type { BootstrapConfig } from './config.ts';
import type { Logger } from './log.ts';

/** Name of the SCP that allows everything, attached to the root as AWS does when SCPs are enabled. */
export const FULL_ACCESS_SCP = 'FullAWSAccess';
/** Its document. */
export const FULL_ACCESS_DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** Caller recorded in the audit log for bootstrap writes. */
export const BOOTSTRAP_CALLER = 'iam-admin:bootstrap';
/** The operator user created until the store holds root keys (see README): full access in the management account. */
export const BOOTSTRAP_USER = 'bootstrap-admin';
/** Its inline policy. */
const BOOTSTRAP_POLICY = { name: 'AdministratorAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/** What the bootstrap did. */
export interface BootstrapResult {
  /** False when the store was not empty (nothing was written). */
  created: boolean;
  managementAccountId: string;
  organizationId: string;
  /** The operator's credentials, present only when created now. */
  credentials?: { principalArn: string; accessKeyId: string; secretAccessKey: string };
}

/**
 * On an empty store: creates the management account, the organization and its root with FullAWSAccess attached,
 * and an access key for the operator; on any other store: does nothing and reports the organization.
 */
export async function bootstrap(store: Store, cfg: BootstrapConfig, logger: Logger): Promise<BootstrapResult> {
  if ((await store.currentRevision()) > 0) {
    const org = await store.getOrganization();
    return { created: false, managementAccountId: org.managementAccountId, organizationId: org.id };
  }
  const audit = (action: string): { audit: AuditInput } => ({ audit: { caller: BOOTSTRAP_CALLER, action } });
  const account = await store.createAccount({ id: cfg.managementAccountId, name: cfg.managementAccountName }, audit('organizations:CreateAccount'));
  const mgmt = account.value.id;
  const org = await store.createOrganization({ managementAccountId: mgmt }, audit('organizations:CreateOrganization'));
  const scp = await store.createOrgPolicy({ kind: 'scp', name: FULL_ACCESS_SCP, description: 'Allows everything', document: FULL_ACCESS_DOCUMENT }, audit('organizations:CreatePolicy'));
  await store.attachOrgPolicy(scp.value.arn, org.value.rootId, audit('organizations:AttachPolicy'));
  const credentials = await operatorKey(store, mgmt, audit);
  logger.info('bootstrapped an empty store', { managementAccountId: mgmt, organizationId: org.value.id, principal: credentials.principalArn, accessKeyId: credentials.accessKeyId });
  return { created: true, managementAccountId: mgmt, organizationId: org.value.id, credentials };
}

async function operatorKey(store: Store, accountId: string, audit: (action: string) => { audit: AuditInput }): Promise<NonNullable<BootstrapResult['credentials']>> {
  const user = await store.createUser({ accountId, name: BOOTSTRAP_USER }, audit('iam:CreateUser'));
  await store.putInlinePolicy({ kind: 'user', accountId, name: BOOTSTRAP_USER }, BOOTSTRAP_POLICY.name, BOOTSTRAP_POLICY.document, audit('iam:PutUserPolicy'));
  const key = await store.createAccessKey(accountId, BOOTSTRAP_USER, audit('iam:CreateAccessKey'));
  return { principalArn: user.value.arn, accessKeyId: key.value.accessKeyId, secretAccessKey: key.value.secretAccessKey };
}
