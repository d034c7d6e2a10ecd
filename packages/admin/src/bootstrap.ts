// First start with an empty store: the management account, the organization with FullAWSAccess on its root, and an operator key.

import { readFile } from 'node:fs/promises';
import type { AuditInput, Store, StoreSnapshot } from '@iam/store';
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
  /** True when the empty store was restored from `importFile` (its own keys then apply; none is printed). */
  restored: boolean;
  managementAccountId: string;
  organizationId: string;
  /** The operator's credentials, present only when created now. */
  credentials?: { principalArn: string; accessKeyId: string; secretAccessKey: string };
}

/**
 * On an empty store: restores `importFile` when given, else creates the management account, the organization and
 * its root with FullAWSAccess attached, and an access key for the operator. On any other store: does nothing.
 */
export async function bootstrap(store: Store, cfg: BootstrapConfig, logger: Logger): Promise<BootstrapResult> {
  if ((await store.currentRevision()) > 0) return existing(store, false);
  if (cfg.importFile) {
    const snapshot = JSON.parse(await readFile(cfg.importFile, 'utf8')) as StoreSnapshot;
    const { revision } = await store.importSnapshot(snapshot, { audit: { caller: BOOTSTRAP_CALLER, action: 'iam:ImportSnapshot', parameters: { file: cfg.importFile } } });
    logger.info('restored an empty store from a snapshot', { file: cfg.importFile, revision });
    return existing(store, true);
  }
  const audit = (action: string, parameters: Record<string, unknown>): { audit: AuditInput } => ({ audit: { caller: BOOTSTRAP_CALLER, action, parameters } });
  const account = await store.createAccount({ id: cfg.managementAccountId, name: cfg.managementAccountName },
    audit('organizations:CreateAccount', { id: cfg.managementAccountId, name: cfg.managementAccountName }));
  const mgmt = account.value.id;
  const org = await store.createOrganization({ managementAccountId: mgmt }, audit('organizations:CreateOrganization', { managementAccountId: mgmt }));
  const scpInput = { kind: 'scp' as const, name: FULL_ACCESS_SCP, description: 'Allows everything', document: FULL_ACCESS_DOCUMENT };
  const scp = await store.createOrgPolicy(scpInput, audit('organizations:CreatePolicy', scpInput));
  await store.attachOrgPolicy(scp.value.arn, org.value.rootId, audit('organizations:AttachPolicy', { policyId: scp.value.policyId, targetId: org.value.rootId }));
  const credentials = await operatorKey(store, mgmt, audit);
  logger.info('bootstrapped an empty store', { managementAccountId: mgmt, organizationId: org.value.id, principal: credentials.principalArn, accessKeyId: credentials.accessKeyId });
  return { created: true, restored: false, managementAccountId: mgmt, organizationId: org.value.id, credentials };
}

async function existing(store: Store, restored: boolean): Promise<BootstrapResult> {
  const org = await store.getOrganization();
  return { created: false, restored, managementAccountId: org.managementAccountId, organizationId: org.id };
}

type Audit = (action: string, parameters: Record<string, unknown>) => { audit: AuditInput };

async function operatorKey(store: Store, accountId: string, audit: Audit): Promise<NonNullable<BootstrapResult['credentials']>> {
  const user = await store.createUser({ accountId, name: BOOTSTRAP_USER }, audit('iam:CreateUser', { accountId, userName: BOOTSTRAP_USER }));
  const ref = { kind: 'user' as const, accountId, name: BOOTSTRAP_USER };
  await store.putInlinePolicy(ref, BOOTSTRAP_POLICY.name, BOOTSTRAP_POLICY.document,
    audit('iam:PutUserPolicy', { accountId, userName: BOOTSTRAP_USER, policyName: BOOTSTRAP_POLICY.name, document: BOOTSTRAP_POLICY.document }));
  const key = await store.createAccessKey(accountId, BOOTSTRAP_USER, audit('iam:CreateAccessKey', { accountId, userName: BOOTSTRAP_USER }));
  return { principalArn: user.value.arn, accessKeyId: key.value.accessKeyId, secretAccessKey: key.value.secretAccessKey };
}
