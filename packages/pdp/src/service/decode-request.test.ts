// Tests of the request decoder: every field into the core shape, and refusals that name the field.

import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { loadAuthzPackage, type AuthorizeRequest } from '@iam/proto';
import { DEFAULT_LIMITS } from '../config.ts';
import { decodeAuthorize, decodeBatch, decoding } from './decode-request.ts';
import { RequestError } from './request-checks.ts';

const { service } = loadAuthzPackage();
const USER = 'arn:aws:iam::111122223333:user/alice';
const BASE: AuthorizeRequest = { principal: { arn: USER }, action: 'orders:GetOrder', resource: 'arn:aws:orders:eu-west-1:111122223333:order/1' };

function wire(request: AuthorizeRequest): Buffer {
  return service.Authorize.requestSerialize(request);
}

function decode(bytes: Buffer, index = -1, forceExplain = false) {
  return decoding('AuthorizeRequest', () => decodeAuthorize(bytes, 0, bytes.length, index, DEFAULT_LIMITS, forceExplain));
}

/** A length-delimited protobuf field (`n` is the field number). */
function len(n: number, content: Buffer | string): Buffer {
  const body = Buffer.from(content);
  const size: number[] = [];
  for (let v = body.length; ; v >>>= 7) {
    if (v < 0x80) { size.push(v); break; }
    size.push((v & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from([(n << 3) | 2, ...size]), body]);
}

function refusal(bytes: Buffer, index = -1): RequestError {
  try {
    decode(bytes, index);
  } catch (err) {
    if (err instanceof RequestError) return err;
    throw err;
  }
  throw new Error('request was accepted');
}

describe('decodeAuthorize', () => {
  it('maps every field into the core shape', () => {
    const mapped = decode(
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
    );
    expect(mapped.explain).toBe(true);
    expect(mapped.request).toEqual({
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
    expect(decode(wire(BASE))).toEqual({ request: { principal: { arn: USER }, action: BASE.action, resource: BASE.resource }, explain: false, minRevision: 0 });
    const forced = decode(wire(BASE), -1, true);
    expect(forced.request.explain).toBe(true);
    expect(forced.explain).toBe(false);
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
    expect(refusal(wire({ ...BASE, context })).message).toBe(`\`context\` has more than ${DEFAULT_LIMITS.maxContextKeys} keys`);
    const values = Array.from({ length: DEFAULT_LIMITS.maxContextListItems + 1 }, () => 'x');
    expect(refusal(wire({ ...BASE, context: { list: { string_list: { values } } } })).message).toMatch(/^`context.list` has more than/);
  });

  it('limits session tags by distinct keys (a repeated key counts once, the last value wins)', () => {
    const max = DEFAULT_LIMITS.maxSessionTags;
    const tags = Object.fromEntries(Array.from({ length: max + 1 }, (_, i) => [`t${i}`, 'v']));
    expect(refusal(wire({ ...BASE, principal: { session: { role_arn: 'r', session_name: 's', tags } } })).message).toBe(`\`principal.session.tags\` has more than ${max} entries`);
    // proto-loader cannot repeat a map key, so the RoleSession is written by hand: `max` tags, then t0 again.
    const entry = (key: string, value: string) => len(5, Buffer.concat([len(1, key), len(2, value)]));
    const entries = [...Array.from({ length: max }, (_, i) => entry(`t${i}`, 'v')), entry('t0', 'w')];
    const session = Buffer.concat([len(1, 'r'), len(2, 's'), ...entries]);
    const bytes = Buffer.concat([len(1, len(2, session)), len(2, 'orders:GetOrder'), len(3, '*')]);
    const decoded = decode(bytes).request.principal as { session: { tags: Record<string, string> } };
    expect(Object.keys(decoded.session.tags)).toHaveLength(max);
    expect(decoded.session.tags.t0).toBe('w');
  });

  it('refuses invalid UTF-8 in a string field', () => {
    // AuthorizeRequest{ principal{ arn: "a" }, action: <0xff 0xfe>, resource: "r" }, encoded by hand.
    const bytes = Buffer.from([0x0a, 0x03, 0x0a, 0x01, 0x61, 0x12, 0x02, 0xff, 0xfe, 0x1a, 0x01, 0x72]);
    const err = refusal(bytes);
    expect(err.message).toBe('`action` is not valid UTF-8');
  });
});

describe('decodeBatch', () => {
  const batch = (r: Parameters<typeof service.BatchAuthorize.requestSerialize>[0]) => service.BatchAuthorize.requestSerialize(r);

  it('decodes items, mode and the largest min_revision', () => {
    const decoded = decodeBatch(batch({ requests: [BASE, { ...BASE, explain: true, min_revision: 9 }], mode: 'BATCH_MODE_DENY_ON_FIRST_DENY', min_revision: 4 }), DEFAULT_LIMITS, false);
    expect(decoded.requests).toHaveLength(2);
    expect(decoded.explain).toEqual([false, true]);
    expect(decoded).toMatchObject({ mode: 'deny_on_first_deny', minRevision: 9 });
    expect(decodeBatch(batch({ requests: [BASE], mode: 'BATCH_MODE_PERMIT_ON_FIRST_PERMIT' }), DEFAULT_LIMITS, false).mode).toBe('permit_on_first_permit');
  });

  it('refuses empty and oversized batches and unknown modes', () => {
    expect(() => decodeBatch(Buffer.alloc(0), DEFAULT_LIMITS, false)).toThrow('`requests` is required');
    const limits = { ...DEFAULT_LIMITS, maxBatchSize: 2 };
    expect(() => decodeBatch(batch({ requests: [BASE, BASE, BASE] }), limits, false)).toThrow('`requests` has more than 2 items');
    expect(() => decodeBatch(Buffer.concat([batch({ requests: [BASE] }), Buffer.from([0x10, 0x09])]), DEFAULT_LIMITS, false)).toThrow('`mode` is not a known batch mode: `9`');
  });
});

describe('decoder robustness', () => {
  it('refuses prototype keys in maps', () => {
    expect(refusal(wire({ ...BASE, context: { ['__proto__']: { string_value: 'x' } } })).message).toBe('`context` has a key that is not allowed: `__proto__`');
    const session = { role_arn: 'r', session_name: 's', tags: { ['__proto__']: 'x' } };
    expect(refusal(wire({ ...BASE, principal: { session } })).message).toBe('`principal.session.tags` has a key that is not allowed: `__proto__`');
  });

  it('refuses a known field sent with the wrong wire type', () => {
    // principal as a varint (field 1, wire type 0).
    expect(refusal(Buffer.from([0x08, 0x01])).message).toBe('`principal` has the wrong wire type');
  });

  it('never throws anything but a RequestError on random bytes', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decode(Buffer.from(bytes));
        } catch (err) {
          return err instanceof RequestError;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
