// Tests of configuration parsing: defaults, env over file, and errors that name the field.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, loadConfig, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('fills defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', grpcPort: 50051, store: { driver: 'sqlite', file: 'iam.sqlite' }, limits: DEFAULT_LIMITS });
    expect(config.decisionLog).toEqual({ sink: { kind: 'none' }, maskKeys: [], allowSampleRate: 1, bufferSize: 10_000 });
    expect(config.logLevel).toBe('info');
  });

  it('lets the environment override the file', () => {
    const config = parseConfig(
      { IAM_PDP_GRPC_PORT: '7000', IAM_PDP_WORKERS: '0', IAM_PDP_DECISION_LOG: 'file:/tmp/d.jsonl', IAM_PDP_DECISION_LOG_MASK_KEYS: 'a, b' },
      { grpcPort: 6000, httpPort: 6001, limits: { maxBatchSize: 50 }, store: { driver: 'postgres', url: 'postgres://x/y' } },
    );
    expect(config).toMatchObject({ grpcPort: 7000, httpPort: 6001, workers: 0, store: { driver: 'postgres', url: 'postgres://x/y' } });
    expect(config.limits.maxBatchSize).toBe(50);
    expect(config.decisionLog.sink).toEqual({ kind: 'file', path: '/tmp/d.jsonl' });
    expect(config.decisionLog.maskKeys).toEqual(['a', 'b']);
    expect(parseConfig({ IAM_PDP_LOG_LEVEL: 'warn' }, { logLevel: 'debug' }).logLevel).toBe('warn');
    expect(parseConfig({}, { logLevel: 'error' }).logLevel).toBe('error');
  });

  it.each([
    [{ IAM_PDP_GRPC_PORT: '70000' }, undefined, '`IAM_PDP_GRPC_PORT` must be an integer from 0 to 65535, got `70000`'],
    [{ IAM_PDP_DECISION_LOG: 'kafka' }, undefined, '`IAM_PDP_DECISION_LOG` must be `none`, `stdout` or `file:PATH`, got `kafka`'],
    [{ IAM_PDP_DECISION_LOG_ALLOW_SAMPLE_RATE: '2' }, undefined, '`IAM_PDP_DECISION_LOG_ALLOW_SAMPLE_RATE` must be a number from 0 to 1, got `2`'],
    [{}, { limits: { maxBogus: 1 } }, '`limits.maxBogus` is not a known limit'],
    [{}, { store: { driver: 'postgres' } }, '`store.url` (or IAM_STORE_PG_URL) is required for the postgres driver'],
    [{}, { logLevel: 'loud' }, '`logLevel` must be one of debug, info, warn, error, got `loud`'],
    [{ IAM_PDP_LOG_LEVEL: 'trace' }, { logLevel: 'debug' }, '`IAM_PDP_LOG_LEVEL` must be one of debug, info, warn, error, got `trace`'],
    [{}, [], '`config file` must be an object'],
  ])('names the field in errors (%j, %j)', (env, file, message) => {
    expect(() => parseConfig(env, file)).toThrow(new ConfigError(message));
  });
});

describe('loadConfig', () => {
  it('reads the JSON file named by IAM_PDP_CONFIG_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdp-config-'));
    try {
      const path = join(dir, 'pdp.json');
      writeFileSync(path, JSON.stringify({ httpPort: 9999, decisionLog: { sink: 'stdout', allowSampleRate: 0.5 } }));
      const config = loadConfig({ IAM_PDP_CONFIG_FILE: path });
      expect(config.httpPort).toBe(9999);
      expect(config.decisionLog).toMatchObject({ sink: { kind: 'stdout' }, allowSampleRate: 0.5 });
      expect(() => loadConfig({ IAM_PDP_CONFIG_FILE: join(dir, 'missing.json') })).toThrow(/^cannot read config file `.*missing.json`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
