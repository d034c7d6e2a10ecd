// Unit tests of input validation and id/ARN helpers.

import { describe, expect, it } from 'vitest';
import { isStoreError } from './errors.ts';
import { iamArn, orgPolicyArn, parseIamArn } from './ids.ts';
import { checkName, checkPath, checkSessionDuration, checkTags, mergeTags } from './validate.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isStoreError(e) ? e.code : 'other';
  }
  return 'ok';
};

describe('validation', () => {
  it('checks names per kind', () => {
    expect(code(() => checkName('user', 'a'.repeat(64)))).toBe('ok');
    expect(code(() => checkName('user', 'a'.repeat(65)))).toBe('invalid_input');
    expect(code(() => checkName('group', 'a'.repeat(128)))).toBe('ok');
    expect(code(() => checkName('policy', 'a'.repeat(129)))).toBe('invalid_input');
    expect(code(() => checkName('role', 'ok+=,.@_-9'))).toBe('ok');
    for (const bad of ['', 'a b', 'a/b', 'é', 'a:b']) expect(code(() => checkName('user', bad))).toBe('invalid_input');
  });

  it('checks paths', () => {
    expect(checkPath(undefined)).toBe('/');
    for (const ok of ['/', '/a/', '/a/b-c/']) expect(checkPath(ok)).toBe(ok);
    for (const bad of ['', 'a/', '/a', '/a b/', `/${'a'.repeat(511)}/`]) expect(code(() => checkPath(bad))).toBe('invalid_input');
  });

  it('checks session durations and tags', () => {
    expect(checkSessionDuration(undefined)).toBe(3600);
    expect(code(() => checkSessionDuration(43200))).toBe('ok');
    expect(code(() => checkSessionDuration(3600.5))).toBe('invalid_input');
    expect(code(() => checkTags({ 'team name': 'a b', 'k:x/y': '' }))).toBe('ok');
    expect(code(() => checkTags({ 'aws:x': '1' }))).toBe('invalid_input');
    expect(code(() => checkTags({ k: 'v'.repeat(257) }))).toBe('invalid_input');
    expect(code(() => mergeTags({ a: '1' }, { b: '2' }, 1, 'x'))).toBe('limit_exceeded');
    expect(mergeTags({ a: '1' }, { a: '2' }, 1, 'x')).toEqual({ a: '2' });
  });

  it('builds and parses arns', () => {
    const arn = iamArn('aws', '123456789012', 'user', '/a/b/', 'n');
    expect(arn).toBe('arn:aws:iam::123456789012:user/a/b/n');
    expect(parseIamArn(arn, 'user')).toEqual({ partition: 'aws', accountId: '123456789012', path: '/a/b/', name: 'n' });
    expect(code(() => parseIamArn(arn, 'role'))).toBe('invalid_input');
    expect(orgPolicyArn('aws', '123456789012', 'o-abc', 'rcp', 'p-1')).toBe('arn:aws:organizations::123456789012:policy/o-abc/resource_control_policy/p-1');
  });
});
