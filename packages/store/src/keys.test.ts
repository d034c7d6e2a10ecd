// Unit tests of access-key secret encryption (AES-256-GCM bound to the key id).

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './keys.ts';

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
