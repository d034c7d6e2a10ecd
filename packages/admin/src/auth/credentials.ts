// Access-key credentials: the `Authorization: IAM-KEY <id>:<secret>` header and key generation.

import { randomInt } from 'node:crypto';

/** The authorization scheme of operator requests (SigV4 comes later). */
export const AUTH_SCHEME = 'IAM-KEY';
/** Prefix of generated access key ids (as AWS's long-term keys). */
export const ACCESS_KEY_ID_PREFIX = 'AKIA';
/** Random characters after the prefix. */
export const ACCESS_KEY_ID_RANDOM_LENGTH = 16;
/** Length of generated secrets. */
export const SECRET_LENGTH = 40;

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

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

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A fresh access key id, `AKIA` + 16 base32 characters. */
export function generateAccessKeyId(): string {
  return ACCESS_KEY_ID_PREFIX + randomString(KEY_ALPHABET, ACCESS_KEY_ID_RANDOM_LENGTH);
}

/** A fresh 40-character secret access key. */
export function generateSecret(): string {
  return randomString(SECRET_ALPHABET, SECRET_LENGTH);
}
