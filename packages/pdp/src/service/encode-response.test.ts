// Differential test of the response writer: its bytes decode (proto-loader) to what the former protobufjs path produced.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadAuthzPackage, type AuthorizeRequest, type AuthorizeResponse, type BatchAuthorizeRequest } from '@iam/proto';
import { EngineTarget, type Decision, type DecisionResult, type Layer, type Reason } from '../core.ts';
import { DEFAULT_LIMITS } from '../config.ts';
import { ALICE, BOB, ORDER, TEST_WORLD } from '../test-world.ts';
import { BATCH_MODES, decodeBatch } from './decode-request.ts';
import { encodeAuthorize, encodeBatch } from './encode-response.ts';
import { answered, Evaluator, METHOD_AUTHORIZE, METHOD_BATCH } from './evaluator.ts';

const { service } = loadAuthzPackage();

const DECISIONS: Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];
const LAYERS: Layer[] = ['scp', 'rcp', 'resource', 'trust', 'identity', 'boundary', 'session'];
const REVISIONS = [0, 1, 127, 128, 300, 16_384, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 49 + 3, Number.MAX_SAFE_INTEGER];

/** The former mapping (map-response.ts), serialized by protobufjs: the reference the writer must match. */
function referenceResponse(result: DecisionResult, revision: number, explain: boolean): AuthorizeResponse {
  const decision = ({ Allow: 'ALLOW', ExplicitDeny: 'EXPLICIT_DENY', ImplicitDeny: 'IMPLICIT_DENY' } as const)[result.decision];
  const layer = (l: Layer) => `LAYER_${l.toUpperCase()}` as AuthorizeResponse['denied_by'];
  const errors = result.errors.map((e) => ({ policy_id: e.policyId, statement_index: e.statementIndex, message: e.message }));
  if (!explain) return { decision, errors, revision };
  return {
    decision,
    reasons: result.reasons.map((r) => ({
      policy_id: r.policyId,
      statement_index: r.statementIndex,
      sid: r.sid ?? '',
      effect: r.effect === 'Allow' ? 'EFFECT_ALLOW' : 'EFFECT_DENY',
      layer: layer(r.layer),
    })),
    denied_by: result.deniedBy ? layer(result.deniedBy) : 'LAYER_UNSPECIFIED',
    missing_context_keys: result.missingContextKeys,
    errors,
    revision,
  };
}

function expectUnary(result: DecisionResult, revision: number, explain: boolean): void {
  const got = service.Authorize.responseDeserialize(encodeAuthorize(result, revision, explain));
  const want = service.Authorize.responseDeserialize(service.Authorize.responseSerialize(referenceResponse(result, revision, explain)));
  expect(got).toEqual(want);
}

function referenceBatch(results: DecisionResult[], count: number, explain: boolean[], revision: number): Buffer {
  const items = results.slice(0, count).map((r, i) => referenceResponse(r, revision, explain[i]));
  return service.BatchAuthorize.responseSerialize({ results: items, revision });
}

function expectBatch(results: DecisionResult[], count: number, explain: boolean[], revision: number): void {
  const got = service.BatchAuthorize.responseDeserialize(encodeBatch(results, count, explain, revision));
  const want = service.BatchAuthorize.responseDeserialize(referenceBatch(results, count, explain, revision));
  expect(got.results).toHaveLength(count);
  expect(got).toEqual(want);
}

const plain = (decision: Decision): DecisionResult => ({ decision, reasons: [], missingContextKeys: [], errors: [] });

const reason = (layer: Layer, i: number, sid?: string): Reason => ({
  policyId: `arn:aws:iam::111122223333:policy/p-${layer}`,
  statementIndex: i,
  ...(sid !== undefined ? { sid } : {}),
  effect: i % 2 === 0 ? 'Allow' : 'Deny',
  layer,
});

/** Hand-picked shapes: every layer, with and without sid, errors, odd strings, long strings (multi-byte lengths). */
function shapes(decision: Decision): DecisionResult[] {
  const long = 'x'.repeat(200);
  const huge = 'é'.repeat(9000);
  return [
    plain(decision),
    { ...plain(decision), reasons: LAYERS.map((l, i) => reason(l, i, i % 2 ? `Sid${i}` : undefined)) },
    ...LAYERS.map((l) => ({ ...plain(decision), deniedBy: l, reasons: [reason(l, 0, '')] })),
    { ...plain(decision), missingContextKeys: ['aws:SourceIp', '', 'ключ:значение', '键', '😀:emoji', long] },
    { ...plain(decision), errors: [{ policyId: '', statementIndex: 0, message: '' }] },
    {
      ...plain(decision),
      errors: [
        { policyId: 'arn:aws:iam::111122223333:policy/p', statementIndex: 2 ** 31 + 7, message: 'unsupported condition operator `Föö`' },
        { policyId: 'session#0', statementIndex: 300, message: long },
      ],
    },
    {
      decision,
      reasons: [reason('identity', 1, 'Ünïcödé Sid ✓'), { ...reason('scp', 70000, long), policyId: huge }],
      deniedBy: 'scp',
      missingContextKeys: ['a', huge],
      errors: [{ policyId: '🔑', statementIndex: 1, message: huge }],
    },
  ];
}

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const resultArb: fc.Arbitrary<DecisionResult> = fc.record({
  decision: fc.constantFrom(...DECISIONS),
  reasons: fc.array(
    fc.record(
      { policyId: text, statementIndex: fc.nat(), sid: text, effect: fc.constantFrom('Allow' as const, 'Deny' as const), layer: fc.constantFrom(...LAYERS) },
      { requiredKeys: ['policyId', 'statementIndex', 'effect', 'layer'] },
    ),
    { maxLength: 4 },
  ),
  deniedBy: fc.option(fc.constantFrom(...LAYERS), { nil: undefined }),
  missingContextKeys: fc.array(text, { maxLength: 3 }),
  errors: fc.oneof(fc.constant(0), fc.array(fc.record({ policyId: text, statementIndex: fc.nat(), message: text }), { minLength: 1, maxLength: 2 })),
}).map(({ deniedBy, errors, ...rest }) => ({ ...rest, ...(deniedBy ? { deniedBy } : {}), errors: errors === 0 ? [] : errors }));
const revisionArb = fc.oneof(fc.constantFrom(...REVISIONS), fc.nat(), fc.maxSafeNat());

describe('encodeAuthorize', () => {
  it('matches the former path for every decision, shape, explain flag and revision', () => {
    for (const decision of DECISIONS) {
      for (const result of shapes(decision)) {
        for (const revision of REVISIONS) {
          expectUnary(result, revision, false);
          expectUnary(result, revision, true);
        }
      }
    }
  });

  it('matches the former path for random results', () => {
    fc.assert(fc.property(resultArb, revisionArb, fc.boolean(), (result, revision, explain) => expectUnary(result, revision, explain)), { numRuns: 1000 });
  });

  it('writes only decision and revision for a plain result, and nothing for defaults', () => {
    expect([...encodeAuthorize(plain('Allow'), 0, false)]).toEqual([0x08, 1]);
    expect([...encodeAuthorize(plain('ImplicitDeny'), 300, false)]).toEqual([0x08, 3, 0x30, 0xac, 0x02]);
    expect([...encodeAuthorize(plain('ExplicitDeny'), 2 ** 32, true)]).toEqual([0x08, 2, 0x30, 0x80, 0x80, 0x80, 0x80, 0x10]);
    const short: Reason = { policyId: 'p', statementIndex: 0, sid: '', effect: 'Allow', layer: 'scp' };
    expect([...encodeAuthorize({ ...plain('Allow'), reasons: [short] }, 0, true)]).toEqual([0x08, 1, 0x12, 7, 0x0a, 1, 0x70, 0x20, 1, 0x28, 1]);
  });

  it('writes a lone surrogate as U+FFFD (valid UTF-8)', () => {
    const result: DecisionResult = { ...plain('ImplicitDeny'), errors: [{ policyId: 'p', statementIndex: 0, message: 'a\ud800b' }] };
    expect(service.Authorize.responseDeserialize(encodeAuthorize(result, 1, false)).errors[0].message).toBe('a\ufffdb');
  });
});

describe('encodeBatch', () => {
  it('matches the former path for hand-picked shapes, all or a prefix of them', () => {
    const results = DECISIONS.flatMap(shapes);
    const explain = results.map((_, i) => i % 3 !== 0);
    for (const revision of REVISIONS) {
      for (const count of [1, 2, 7, results.length]) expectBatch(results, count, explain, revision);
    }
  });

  it('matches the former path for random batches and every batch mode', () => {
    const batch = fc.array(fc.tuple(resultArb, fc.boolean()), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(batch, revisionArb, fc.constantFrom(...BATCH_MODES), (items, revision, mode) => {
      const results = items.map(([r]) => r);
      expectBatch(results, answered(results, mode), items.map(([, e]) => e), revision);
    }), { numRuns: 500 });
  });

  it('writes a large plain batch (past the buffer pool size) byte for byte like a per-item concatenation', () => {
    const results = Array.from({ length: 1000 }, (_, i) => plain(DECISIONS[i % 3]));
    const explain = results.map(() => false);
    const bytes = encodeBatch(results, results.length, explain, 2 ** 40);
    const items = results.map((r) => encodeAuthorize(r, 2 ** 40, false));
    const framed = Buffer.concat([...items.flatMap((b) => [Buffer.from([0x0a, b.length]), b]), Buffer.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20])]);
    expect(bytes.equals(framed)).toBe(true);
    expectBatch(results, results.length, explain, 2 ** 40);
  });
});

describe('Evaluator responses', () => {
  it('answers each batch mode with the former bytes (cut after the first deny / allow), with and without the decision log', async () => {
    const slot = new EngineTarget();
    await slot.load(TEST_WORLD);
    await slot.apply({ revision: 2 ** 33 + 1, changes: [] });
    const engine = slot.engine;
    const item = (principal: string, action: string, explain: boolean): AuthorizeRequest => ({ principal: { arn: principal }, action, resource: ORDER, explain });
    const items = [
      item(ALICE, 'orders:GetOrder', true), item(ALICE, 'orders:GetOrder', false), item(ALICE, 'orders:UpdateOrder', true),
      item(ALICE, 'orders:DeleteOrder', true), item(BOB, 'orders:GetOrder', false), item(ALICE, 'orders:ListOrders', true),
    ];
    for (const [modeNumber, mode] of BATCH_MODES.entries()) {
      for (const order of [items, [...items].reverse(), [items[1], items[4]], [items[4], items[1]]]) {
        const bytes = service.BatchAuthorize.requestSerialize({ requests: order, mode: modeNumber as BatchAuthorizeRequest['mode'] });
        const results = engine.authorizeBatch(decodeBatch(bytes, DEFAULT_LIMITS, false).requests);
        const want = service.BatchAuthorize.responseDeserialize(referenceBatch(results, answered(results, mode), order.map((r) => r.explain === true), engine.revision));
        for (const drafts of [null, { maskKeys: new Set<string>(), allowSampleRate: 1 }]) {
          const ev = new Evaluator(slot, DEFAULT_LIMITS, drafts);
          const reply = ev.run(METHOD_BATCH, bytes);
          if (reply.kind !== 'ok') throw new Error(`unexpected ${reply.kind}`);
          expect(service.BatchAuthorize.responseDeserialize(Buffer.from(reply.bytes))).toEqual(want);
        }
      }
    }
  });

  it('answers Authorize with the former bytes, explained only when asked', async () => {
    const slot = new EngineTarget();
    await slot.load(TEST_WORLD);
    const engine = slot.engine;
    const asks = [[ALICE, 'orders:GetOrder'], [ALICE, 'orders:DeleteOrder'], [ALICE, 'orders:UpdateOrder'], [BOB, 'orders:GetOrder']] as const;
    const seen = new Set<string>();
    for (const [principal, action] of asks) {
      for (const explain of [false, true]) {
        const request = { principal: { arn: principal }, action, resource: ORDER, explain };
        const result = engine.authorize({ principal: { arn: principal }, action, resource: ORDER, explain });
        seen.add(result.decision);
        const ev = new Evaluator(slot, DEFAULT_LIMITS, { maskKeys: new Set(), allowSampleRate: 1 });
        const reply = ev.run(METHOD_AUTHORIZE, service.Authorize.requestSerialize(request));
        if (reply.kind !== 'ok') throw new Error(`unexpected ${reply.kind}`);
        expect(service.Authorize.responseDeserialize(Buffer.from(reply.bytes))).toEqual(
          service.Authorize.responseDeserialize(service.Authorize.responseSerialize(referenceResponse(result, engine.revision, explain))),
        );
      }
    }
    expect([...seen].sort()).toEqual(['Allow', 'ExplicitDeny', 'ImplicitDeny']);
  });
});
