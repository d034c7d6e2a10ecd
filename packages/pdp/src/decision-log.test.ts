// Tests of the decision log: masking, sampling, JSON lines, and a bounded buffer that drops (and counts) instead of blocking.

import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuthzRequest, DecisionResult } from './core.ts';
import { DecisionLog, draftEvent, draftOptions, MASK, sampled, type DecisionEvent } from './decision-log.ts';

const REQUEST: AuthzRequest = {
  principal: { arn: 'arn:aws:iam::111122223333:user/alice' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  context: { 'x:Token': 'secret', 'aws:SourceIp': '10.0.0.1' },
};
const ALLOW: DecisionResult = { decision: 'Allow', reasons: [], missingContextKeys: [], errors: [] };
const DENY: DecisionResult = { ...ALLOW, decision: 'ExplicitDeny' };

function event(id: string): DecisionEvent {
  return { id, time: 't', caller: 'c', method: 'Authorize', latencyMs: 1, ...draftEvent(REQUEST, ALLOW, 3, draftOptions({ sink: { kind: 'none' }, maskKeys: [], allowSampleRate: 1, bufferSize: 1 })) };
}

describe('drafts', () => {
  it('masks configured context keys case-insensitively without touching the request', () => {
    const opts = draftOptions({ sink: { kind: 'none' }, maskKeys: ['X:TOKEN'], allowSampleRate: 1, bufferSize: 1 });
    const draft = draftEvent(REQUEST, ALLOW, 7, opts);
    expect(draft.request.context).toEqual({ 'x:Token': MASK, 'aws:SourceIp': '10.0.0.1' });
    expect(REQUEST.context!['x:Token']).toBe('secret');
    expect(draft.revision).toBe(7);
  });

  it('samples allows at the configured rate and keeps every denial', () => {
    const opts = draftOptions({ sink: { kind: 'none' }, maskKeys: [], allowSampleRate: 0.25, bufferSize: 1 });
    expect(sampled('Allow', opts, () => 0.2)).toBe(true);
    expect(sampled('Allow', opts, () => 0.3)).toBe(false);
    expect(sampled('ExplicitDeny', opts, () => 0.99)).toBe(true);
    expect(sampled('ImplicitDeny', opts, () => 0.99)).toBe(true);
  });
});

describe('DecisionLog', () => {
  it('writes one JSON line per event and counts them', async () => {
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (c) => chunks.push(String(c)));
    let written = 0;
    const log = new DecisionLog(sink, 10, { written: (n) => (written += n), dropped: () => {} }, false);
    log.record(event(log.nextId()));
    log.record({ ...event(log.nextId()), ...draftEvent(REQUEST, DENY, 3, draftOptions({ sink: { kind: 'none' }, maskKeys: [], allowSampleRate: 1, bufferSize: 1 })) });
    await log.close();
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision)).toEqual(['Allow', 'ExplicitDeny']);
    expect(new Set(lines.map((l) => l.id)).size).toBe(2);
    expect(lines[0]).toMatchObject({ caller: 'c', method: 'Authorize', revision: 3, request: { action: 's3:GetObject' } });
    expect(written).toBe(2);
  });

  it('drops and counts events beyond the buffer while the sink is stuck, never blocking', async () => {
    let release: (() => void) | undefined;
    const stuck = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, done) {
        release = done;
      },
    });
    let dropped = 0;
    const log = new DecisionLog(stuck, 5, { written: () => {}, dropped: (n) => (dropped += n) }, false);
    log.record(event('first'));
    await new Promise((r) => setImmediate(r));
    const started = performance.now();
    for (let i = 0; i < 100; i++) log.record(event(`e${i}`));
    expect(performance.now() - started).toBeLessThan(50);
    expect(dropped).toBe(95);
    release?.();
  });
});
