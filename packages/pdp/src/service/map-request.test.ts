// Tests of request validation and mapping, over requests that went through the real protobuf encoding.

import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { loadAuthzPackage, type AuthorizeRequest, type AuthorizeRequest__Output } from '@iam/proto';
import { DEFAULT_LIMITS } from '../config.ts';
import { mapRequest, RequestError } from './map-request.ts';

const { service } = loadAuthzPackage();
const USER = 'arn:aws:iam::111122223333:user/alice';
const BASE: AuthorizeRequest = { principal: { arn: USER }, action: 'orders:GetOrder', resource: 'arn:aws:orders:eu-west-1:111122223333:order/1' };

function wire(request: AuthorizeRequest): AuthorizeRequest__Output {
  return service.Authorize.requestDeserialize(service.Authorize.requestSerialize(request));
}

function refusal(request: AuthorizeRequest__Output, index = -1): RequestError {
  try {
    mapRequest(request, index, DEFAULT_LIMITS, false);
  } catch (err) {
    if (err instanceof RequestError) return err;
    throw err;
  }
  throw new Error('request was accepted');
}

describe('mapRequest', () => {
  it('maps every field into the core shape', () => {
    const mapped = mapRequest(
      wire({
        principal: {
          session: {
            role_arn: 'arn:aws:iam::111122223333:role/app', session_name: 'job-1',
            policies: ['{"Version":"2012-10-17","Statement":[]}'], policy_arns: ['arn:aws:iam::111122223333:policy/p'],
            tags: { team: 'blue' }, source_identity: 'alice', issued_at: { seconds: 1_700_000_000, nanos: 0 },
          },
          mfa_present: false,
          mfa_authenticated_at: { seconds: 1_700_000_100, nanos: 250_000_000 },
        },
        action: 'orders:GetOrder',
        resource: '*',
        resource_account: '444455556666',
        context: {
          'aws:SourceIp': { string_value: '10.1.2.3' },
          'orders:Amount': { number_value: 12.5 },
          'aws:SecureTransport': { bool_value: true },
          'orders:Tags': { string_list: { values: ['a', 'b'] } },
        },
        explain: true,
        time: { seconds: 1_700_000_200, nanos: 999_999_999 },
      }),
      -1, DEFAULT_LIMITS, false,
    );
    expect(mapped).toEqual({
      principal: {
        session: {
          roleArn: 'arn:aws:iam::111122223333:role/app', sessionName: 'job-1',
          policies: [{ Version: '2012-10-17', Statement: [] }], policyArns: ['arn:aws:iam::111122223333:policy/p'],
          tags: { team: 'blue' }, sourceIdentity: 'alice', issuedAt: 1_700_000_000_000,
        },
        mfaPresent: false,
        mfaAuthenticatedAt: 1_700_000_100_250,
      },
      action: 'orders:GetOrder',
      resource: '*',
      resourceAccount: '444455556666',
      context: { 'aws:SourceIp': '10.1.2.3', 'orders:Amount': 12.5, 'aws:SecureTransport': true, 'orders:Tags': ['a', 'b'] },
      time: 1_700_000_200_999,
      explain: true,
    });
  });

  it('keeps a plain request minimal (no context, no explain, no MFA key)', () => {
    expect(mapRequest(wire(BASE), -1, DEFAULT_LIMITS, false)).toEqual({ principal: { arn: USER }, action: BASE.action, resource: BASE.resource });
    expect(mapRequest(wire(BASE), -1, DEFAULT_LIMITS, true).explain).toBe(true);
  });

  it.each([
    ['principal', { ...BASE, principal: undefined }, '`principal` is required'],
    ['principal kind', { ...BASE, principal: { mfa_present: true } }, '`principal` must set one of `arn`, `session`, `service`, `federated`'],
    ['action', { ...BASE, action: '' }, '`action` is required'],
    ['resource', { ...BASE, resource: undefined }, '`resource` is required'],
    ['role_arn', { ...BASE, principal: { session: { session_name: 's' } } }, '`principal.session.role_arn` is required'],
    ['session policy', { ...BASE, principal: { session: { role_arn: 'r', session_name: 's', policies: ['{oops'] } } }, '`principal.session.policies[0]` is not valid JSON'],
    ['session policy type', { ...BASE, principal: { session: { role_arn: 'r', session_name: 's', policies: ['[1]'] } } }, '`principal.session.policies[0]` must be a JSON object'],
    ['resource_account', { ...BASE, resource_account: '12' }, '`resource_account` must be a 12-digit account id, got `12`'],
    ['number', { ...BASE, context: { n: { number_value: Number.NaN } } }, '`context.n` must be a finite number'],
    ['empty context value', { ...BASE, context: { k: {} } }, '`context.k` must set one of `string_value`, `number_value`, `bool_value`, `string_list`'],
    ['time', { ...BASE, time: { seconds: 300_000_000_000 } }, '`time.seconds` is out of range'],
  ])('refuses a bad %s with INVALID_ARGUMENT naming the field', (_name, request, message) => {
    const err = refusal(wire(request as AuthorizeRequest));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.message).toBe(message);
  });

  it('names the batch position of the field', () => {
    expect(refusal(wire({ ...BASE, action: '' }), 7).message).toBe('`requests[7].action` is required');
  });

  it('enforces the size limits', () => {
    const long = 'a'.repeat(DEFAULT_LIMITS.maxArnBytes + 1);
    expect(refusal(wire({ ...BASE, resource: long })).message).toBe(`\`resource\` is longer than ${DEFAULT_LIMITS.maxArnBytes} bytes`);
    // Multi-byte characters count in bytes, not characters.
    const wide = 'é'.repeat(DEFAULT_LIMITS.maxNameBytes / 2 + 1);
    expect(refusal(wire({ ...BASE, action: wide })).message).toBe(`\`action\` is longer than ${DEFAULT_LIMITS.maxNameBytes} bytes`);
    const context = Object.fromEntries(Array.from({ length: DEFAULT_LIMITS.maxContextKeys + 1 }, (_, i) => [`k${i}`, { string_value: 'v' }]));
    expect(refusal(wire({ ...BASE, context })).message).toBe(`\`context\` has ${DEFAULT_LIMITS.maxContextKeys + 1} keys, at most ${DEFAULT_LIMITS.maxContextKeys} are allowed`);
    const values = Array.from({ length: DEFAULT_LIMITS.maxContextListItems + 1 }, () => 'x');
    expect(refusal(wire({ ...BASE, context: { list: { string_list: { values } } } })).message).toMatch(/^`context.list` has more than/);
  });

  it('refuses invalid UTF-8 in a string field', () => {
    // AuthorizeRequest{ principal{ arn: "a" }, action: <0xff 0xfe>, resource: "r" }, encoded by hand.
    const bytes = Buffer.from([0x0a, 0x03, 0x0a, 0x01, 0x61, 0x12, 0x02, 0xff, 0xfe, 0x1a, 0x01, 0x72]);
    const err = refusal(service.Authorize.requestDeserialize(bytes));
    expect(err.message).toBe('`action` is not valid UTF-8');
  });
});
