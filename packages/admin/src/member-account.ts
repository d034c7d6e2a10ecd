// A new member account as AWS Organizations makes one: placed in the organization, FullAWSAccess attached and an access
// role the management account may assume, all in one transaction. Shared by `POST /v1/accounts` and the server's demo.

import { MAX_PAGE_SIZE, type AccountRecord, type PolicyRecord, type StoreTx, type WriteOptions, type Written } from '@iam/store';
import { rootArn } from './arns.ts';
import { ORG_ACCESS_ROLE } from './auth/assume.ts';
import { FULL_ACCESS_DOCUMENT, FULL_ACCESS_SCP } from './bootstrap.ts';

/** The account to create. */
export interface MemberAccountInput {
  id: string;
  name?: string;
  /** The root (default) or an OU. */
  parentId?: string;
  /** Name of the access role (default `OrganizationAccountAccessRole`); `false` creates none. */
  accessRole?: string | false;
}

/**
 * Creates a member account through `store`: the store itself (one transaction of its own) or a batch's writer (one
 * step of that batch). Either way a failure at any step (placement, SCP, role) leaves no account behind. `opts.audit`
 * records the whole creation as one entry.
 */
export function createMemberAccount(store: StoreTx, input: MemberAccountInput, opts?: WriteOptions): Promise<Written<AccountRecord>> {
  return store.batch(async (tx) => {
    const org = await tx.getOrganization();
    const id = (await tx.createAccount({ id: input.id, name: input.name })).value.id;
    const moved = await tx.moveAccount(id, input.parentId ?? org.rootId);
    await attachDefaultScp(tx, id);
    if (input.accessRole === false) return moved.value;
    const roleName = input.accessRole ?? ORG_ACCESS_ROLE;
    await tx.createRole({ accountId: id, name: roleName, description: 'Access from the management account', trustPolicy: trustManagement(org.managementAccountId) });
    await tx.putInlinePolicy({ kind: 'role', accountId: id, name: roleName }, 'AdministratorAccess', FULL_ACCESS_DOCUMENT);
    return moved.value;
  }, opts);
}

/** Attaches FullAWSAccess to a new OU or account inside its batch, as AWS does (nothing when an operator removed it). */
export async function attachDefaultScp(tx: StoreTx, targetId: string): Promise<void> {
  const full = await findScp(tx, FULL_ACCESS_SCP);
  if (full) await tx.attachOrgPolicy(full.arn, targetId);
}

/** The SCP called `name`, looked for page by page through all of them (as many as the store holds); undefined when none is. */
async function findScp(tx: StoreTx, name: string): Promise<PolicyRecord | undefined> {
  let cursor: string | undefined;
  do {
    const page = await tx.listPolicies({ kind: 'scp', limit: MAX_PAGE_SIZE, cursor });
    const found = page.items.find((p) => p.name === name);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return undefined;
}

/** A trust policy letting the management account's principals (those its policies allow) assume a role. */
function trustManagement(mgmt: string): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: rootArn(mgmt) }, Action: 'sts:AssumeRole' }] };
}
