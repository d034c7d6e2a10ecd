import { describe, expect, it } from 'vitest';
import { authorizationHeader, parseAuthorization } from './credentials.ts';

describe('parseAuthorization', () => {
  it('reads the IAM-KEY scheme (case-insensitive scheme, secret may hold colons)', () => {
    expect(parseAuthorization('IAM-KEY AKIAEXAMPLE:se:cret')).toEqual({ accessKeyId: 'AKIAEXAMPLE', secret: 'se:cret' });
    expect(parseAuthorization('iam-key AKIA:x')).toEqual({ accessKeyId: 'AKIA', secret: 'x' });
    expect(parseAuthorization(authorizationHeader('AKIAID', 'S3CRET'))).toEqual({ accessKeyId: 'AKIAID', secret: 'S3CRET' });
  });

  it('tells absent from malformed', () => {
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('')).toBeNull();
    expect(parseAuthorization('Bearer abc')).toMatch(/unsupported authorization scheme `Bearer`/);
    expect(parseAuthorization('IAM-KEY')).toMatch(/malformed/);
    expect(parseAuthorization('IAM-KEY nocolon')).toMatch(/malformed/);
    expect(parseAuthorization('IAM-KEY :secret')).toMatch(/malformed/);
    expect(parseAuthorization('IAM-KEY id:')).toMatch(/malformed/);
  });
});
