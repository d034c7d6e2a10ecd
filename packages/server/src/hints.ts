// Copy-paste lines the server and the try script print: the operator key as a shell variable and a curl call that uses it.

import { AUTH_SCHEME } from '@iam/admin';

/** Shell variable the printed curl lines read the operator key from. */
export const KEY_VARIABLE = 'IAM_KEY';
/** User the example curl call creates. */
export const EXAMPLE_USER = 'carol';

/** `export IAM_KEY='<id>:<secret>'` for a bootstrap key. */
export function exportKeyLine(accessKeyId: string, secretAccessKey: string): string {
  return `export ${KEY_VARIABLE}='${accessKeyId}:${secretAccessKey}'`;
}

/** A curl call creating `userName` in `accountId` through the admin plane, authenticated by `$IAM_KEY`. */
export function curlCreateUserLine(adminUrl: string, accountId: string, userName = EXAMPLE_USER): string {
  return `curl -sS -X POST ${adminUrl}/v1/accounts/${accountId}/users -H "authorization: ${AUTH_SCHEME} $${KEY_VARIABLE}" ` +
    `-H 'content-type: application/json' -d '{"userName":"${userName}"}'`;
}
