// Acting in another account: an operator names a role (header `X-Iam-Assume-Role`) and, when the role's trust policy
// and the operator's own policies allow `sts:AssumeRole`, the request is authorized as that role's session.

import { AdminError } from '../errors.ts';
import type { Caller } from '../http/route.ts';

/** Header naming the role to act as. */
export const ASSUME_ROLE_HEADER = 'X-Iam-Assume-Role';
/** Longest session name (STS's limit). */
export const SESSION_NAME_MAX = 64;
/** The role AWS Organizations creates in each new member account, trusted by the management account. */
export const ORG_ACCESS_ROLE = 'OrganizationAccountAccessRole';

const ROLE_ARN = /^arn:([a-z-]+):iam::([0-9]{12}):role\/(?:[\x21-\x7E]*\/)?([\w+=,.@-]{1,64})$/;

/** A role the caller asked to act as. */
export interface RoleRequest {
  roleArn: string;
  accountId: string;
  roleName: string;
  partition: string;
}

/** Parses the header value (undefined when absent); throws `invalid_input` for anything but a role ARN. */
export function parseRoleHeader(value: string | undefined): RoleRequest | undefined {
  if (value === undefined || value === '') return undefined;
  const m = ROLE_ARN.exec(value);
  if (!m) throw new AdminError('invalid_input', `\`${ASSUME_ROLE_HEADER}\` must be a role arn, got \`${value}\``);
  return { roleArn: value, partition: m[1], accountId: m[2], roleName: m[3] };
}

/** The session name of an operator: its user name, or `root`. */
export function sessionNameOf(caller: Caller): string {
  const tail = caller.arn.slice(caller.arn.lastIndexOf(':') + 1);
  const name = tail === 'root' ? 'root' : tail.slice(tail.lastIndexOf('/') + 1);
  return name.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX) || 'operator';
}

/** The caller acting as a session of `role` (principal, audit ARN and account all become the session's). */
export function sessionCaller(caller: Caller, role: RoleRequest): Caller {
  const sessionName = sessionNameOf(caller);
  return {
    arn: `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    accountId: role.accountId,
    accessKeyId: caller.accessKeyId,
    principal: { session: { roleArn: role.roleArn, sessionName } },
  };
}
