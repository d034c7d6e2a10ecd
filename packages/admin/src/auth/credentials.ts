// Access-key credentials: the `Authorization: IAM-KEY <id>:<secret>` header (keys themselves are made by the store).

/** The authorization scheme of operator requests (SigV4 comes later). */
export const AUTH_SCHEME = 'IAM-KEY';

/** Credentials presented by a caller. */
export interface PresentedKey {
  accessKeyId: string;
  secret: string;
}

/**
 * Parses `IAM-KEY <accessKeyId>:<secret>`; returns null when the header is absent and a string
 * (the reason) when it is malformed.
 */
export function parseAuthorization(header: string | undefined): PresentedKey | null | string {
  if (header === undefined || header === '') return null;
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme.toUpperCase() !== AUTH_SCHEME) return `unsupported authorization scheme \`${scheme}\`, expected ${AUTH_SCHEME}`;
  const value = header.slice(space + 1).trim();
  const colon = value.indexOf(':');
  if (space < 0 || colon <= 0 || colon === value.length - 1) return `malformed ${AUTH_SCHEME} credentials, expected \`<accessKeyId>:<secret>\``;
  return { accessKeyId: value.slice(0, colon), secret: value.slice(colon + 1) };
}

/** The header value for a key pair (used by clients, tests and the benchmark). */
export function authorizationHeader(accessKeyId: string, secret: string): string {
  return `${AUTH_SCHEME} ${accessKeyId}:${secret}`;
}
