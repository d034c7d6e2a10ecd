// Unit tests of access-key secret encryption (AES-256-GCM bound to the key id).

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, rootKeyProblem } from './keys.ts';

describe('secret encryption', () => {
  const key = randomBytes(32);
  it('round-trips and never stores the plaintext', () => {
    const stored = encryptSecret(key, 'AKIAEXAMPLE', 'my-secret-value');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(stored).not.toContain('my-secret-value');
    expect(encryptSecret(key, 'AKIAEXAMPLE', 'my-secret-value')).not.toBe(stored);
    expect(decryptSecret(key, 'AKIAEXAMPLE', stored)).toBe('my-secret-value');
  });

  it('refuses another key, another key id or altered data', () => {
    const stored = encryptSecret(key, 'AKIAONE', 'secret');
    expect(() => decryptSecret(randomBytes(32), 'AKIAONE', stored)).toThrow();
    expect(() => decryptSecret(key, 'AKIATWO', stored)).toThrow();
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret(key, 'AKIAONE', 'v1:' + raw.toString('base64'))).toThrow();
  });
});

describe('rootKeyProblem', () => {
  const id = 'AKIAEXAMPLEEXAMPLE01';
  const secret = 'example-root-secret-0123456789abcdefghij';
  it('accepts both valid fields or neither', () => {
    expect(rootKeyProblem(id, secret)).toBeUndefined();
    expect(rootKeyProblem(undefined, undefined)).toBeUndefined();
  });

  it('names what is wrong with the fields as the caller names them, never quoting the secret', () => {
    const names = { accessKeyId: 'bootstrap.accessKeyId', secretAccessKey: 'bootstrap.secretAccessKey' };
    expect(rootKeyProblem(id, undefined, names)).toBe('`bootstrap.secretAccessKey` is required when `bootstrap.accessKeyId` is set');
    expect(rootKeyProblem(undefined, secret, names)).toBe('`bootstrap.accessKeyId` is required when `bootstrap.secretAccessKey` is set');
    expect(rootKeyProblem('akia-lower', undefined, names)).toBe('`bootstrap.accessKeyId` must be 16 to 128 uppercase letters or digits, got `akia-lower`');
    const spaced = 'has a space in it, 40 characters long!!!';
    expect(rootKeyProblem(id, spaced)).toBe('`secretAccessKey` must be 32 to 128 printable ASCII characters without spaces');
    expect(rootKeyProblem(id, 42)).toMatch(/^`secretAccessKey` must be/);
  });
});
