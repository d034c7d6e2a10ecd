// First start with an empty store: in one transaction, the management account, the organization with FullAWSAccess on
// its root, and an access key of the management account's root user (generated, or taken from the configuration).

import { readFile } from 'node:fs/promises';
import type { AuditInput, StoreTx, Store, StoreSnapshot } from '@iam/store';
import type { BootstrapConfig } from './config.ts';
import type { Logger } from './log.ts';

/** Name of the SCP that allows everything, attached to the root as AWS does when SCPs are enabled. */
export const FULL_ACCESS_SCP = 'FullAWSAccess';
/** Its document. */
export const FULL_ACCESS_DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** Caller recorded in the audit log for bootstrap writes. */
export const BOOTSTRAP_CALLER = 'iam-admin:bootstrap';

/** What the bootstrap did. */
export interface BootstrapResult {
  /** False when the store was not empty (nothing was written). */
  created: boolean;
  /** True when the empty store was restored from `importFile` (its own keys then apply; none is printed). */
  restored: boolean;
  managementAccountId: string;
  organizationId: string;
  /**
   * The operator's credentials, present only when created now: a key of the management account's root
   * (`principalArn` is `arn:aws:iam::MGMT:root`).
   */
  credentials?: { principalArn: string; accessKeyId: string; secretAccessKey: string };
  /** Where the credentials came from: generated now (printed once) or the configuration (not printed). */
  credentialsSource?: 'generated' | 'config';
}

/**
 * On an empty store: restores `importFile` when given, else creates the management account, the organization and
 * its root with FullAWSAccess attached, and an access key of the management account's root, all in one transaction
 * (a crash leaves an empty store; of several replicas starting together, one bootstraps and the others find it done).
 * On any other store: does nothing.
 */
export async function bootstrap(store: Store, cfg: BootstrapConfig, logger: Logger): Promise<BootstrapResult> {
  if ((await store.currentRevision()) > 0) return existing(store, false);
  if (cfg.importFile) {
    const snapshot = JSON.parse(await readFile(cfg.importFile, 'utf8')) as StoreSnapshot;
    const { revision } = await store.importSnapshot(snapshot, { audit: { caller: BOOTSTRAP_CALLER, action: 'iam:ImportSnapshot', parameters: { file: cfg.importFile } } });
    logger.info('restored an empty store from a snapshot', { file: cfg.importFile, revision });
    return existing(store, true);
  }
  const { value: created } = await store.batch((tx) => firstStart(tx, cfg));
  if (!created) return existing(store, false);
  const { secretAccessKey, ...loggable } = created;
  logger.info('bootstrapped an empty store', loggable);
  return {
    created: true, restored: false, managementAccountId: created.managementAccountId, organizationId: created.organizationId,
    credentials: { principalArn: created.principalArn, accessKeyId: created.accessKeyId, secretAccessKey },
    credentialsSource: cfg.accessKeyId ? 'config' : 'generated',
  };
}

async function existing(store: Store, restored: boolean): Promise<BootstrapResult> {
  const org = await store.getOrganization();
  return { created: false, restored, managementAccountId: org.managementAccountId, organizationId: org.id };
}

/** What the first start created. */
interface Created { managementAccountId: string; organizationId: string; principalArn: string; accessKeyId: string; secretAccessKey: string }

/** The bootstrap writes, inside the batch; undefined when another process got there first. */
async function firstStart(tx: StoreTx, cfg: BootstrapConfig): Promise<Created | undefined> {
  if ((await tx.listAccounts({ limit: 1 })).items.length > 0) return undefined;
  const audit = (action: string, parameters: Record<string, unknown>): { audit: AuditInput } => ({ audit: { caller: BOOTSTRAP_CALLER, action, parameters } });
  const account = await tx.createAccount({ id: cfg.managementAccountId, name: cfg.managementAccountName },
    audit('organizations:CreateAccount', { id: cfg.managementAccountId, name: cfg.managementAccountName }));
  const mgmt = account.value.id;
  const org = await tx.createOrganization({ managementAccountId: mgmt }, audit('organizations:CreateOrganization', { managementAccountId: mgmt }));
  const scpInput = { kind: 'scp' as const, name: FULL_ACCESS_SCP, description: 'Allows everything', document: FULL_ACCESS_DOCUMENT };
  const scp = await tx.createOrgPolicy(scpInput, audit('organizations:CreatePolicy', scpInput));
  await tx.attachOrgPolicy(scp.value.arn, org.value.rootId, audit('organizations:AttachPolicy', { policyId: scp.value.policyId, targetId: org.value.rootId }));
  const given = cfg.accessKeyId && cfg.secretAccessKey ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } : undefined;
  const key = await tx.createRootAccessKey(mgmt, given, audit('iam:CreateAccessKey', { accountId: mgmt, root: true, ...(given ? { accessKeyId: given.accessKeyId } : {}) }));
  return { managementAccountId: mgmt, organizationId: org.value.id, principalArn: key.value.userArn, accessKeyId: key.value.accessKeyId, secretAccessKey: key.value.secretAccessKey };
}
