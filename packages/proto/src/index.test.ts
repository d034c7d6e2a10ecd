// Tests of the wire contract: loading, round trips with the shared options, and generated types kept in step.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHZ_SERVICE_NAME, LOADER_OPTIONS, loadAuthzPackage, type AuthorizeRequest } from './index.ts';

const PROJECT_DIR = new URL('..', import.meta.url).pathname;
const GEN_COMMAND: string = JSON.parse(readFileSync(join(PROJECT_DIR, 'project.json'), 'utf8')).targets.gen.options.command;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('loadAuthzPackage', () => {
  it('exposes both methods under the fully qualified service name', () => {
    const { service } = loadAuthzPackage();
    expect(service.Authorize.path).toBe(`/${AUTHZ_SERVICE_NAME}/Authorize`);
    expect(service.BatchAuthorize.path).toBe(`/${AUTHZ_SERVICE_NAME}/BatchAuthorize`);
  });

  it('round-trips a full request with snake_case fields, number longs and enum names', () => {
    const { service } = loadAuthzPackage();
    const request: AuthorizeRequest = {
      principal: {
        session: { role_arn: 'arn:aws:iam::111122223333:role/app', session_name: 's1', policies: ['{"Version":"2012-10-17"}'], tags: { team: 'a' } },
        mfa_present: true,
      },
      action: 'orders:GetOrder',
      resource: 'arn:aws:orders:eu-west-1:111122223333:order/42',
      resource_account: '111122223333',
      context: { 'aws:SourceIp': { string_value: '10.0.0.1' }, 'orders:Amount': { number_value: 12.5 }, 'x:list': { string_list: { values: ['a', 'b'] } } },
      explain: true,
      min_revision: 9007199254740,
      time: { seconds: 1_700_000_000, nanos: 5_000_000 },
    };
    const decoded = service.Authorize.requestDeserialize(service.Authorize.requestSerialize(request));
    expect(decoded.principal?.kind).toBe('session');
    expect(decoded.principal?.session?.role_arn).toBe('arn:aws:iam::111122223333:role/app');
    expect(decoded.principal?.session?.policy_arns).toEqual([]);
    expect(decoded.context['orders:Amount'].kind).toBe('number_value');
    expect(decoded.context['x:list'].string_list?.values).toEqual(['a', 'b']);
    expect(decoded.min_revision).toBe(9007199254740);
    expect(decoded.resource_account).toBe('111122223333');
    expect(decoded.time).toEqual({ seconds: 1_700_000_000, nanos: 5_000_000 });
  });

  it('decodes an absent optional field as undefined and enums as names', () => {
    const { service } = loadAuthzPackage();
    const decoded = service.Authorize.requestDeserialize(service.Authorize.requestSerialize({ action: 'a:b' }));
    expect(decoded.resource_account).toBeUndefined();
    expect(decoded.principal).toBeNull();
    const response = service.Authorize.responseDeserialize(
      service.Authorize.responseSerialize({ decision: 'EXPLICIT_DENY', denied_by: 'LAYER_SCP', revision: 3 }),
    );
    expect(response).toMatchObject({ decision: 'EXPLICIT_DENY', denied_by: 'LAYER_SCP', revision: 3, reasons: [] });
  });
});

describe('generated types', () => {
  it('are generated with the same choices as LOADER_OPTIONS', () => {
    expect(LOADER_OPTIONS).toMatchObject({ keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
    for (const flag of ['--keepCase', '--longs=Number', '--enums=String', '--defaults', '--oneofs']) expect(GEN_COMMAND).toContain(flag);
  });

  it('are up to date with protos/', () => {
    const out = mkdtempSync(join(tmpdir(), 'proto-gen-'));
    try {
      const generator = GEN_COMMAND.replace(/^rm -rf src\/generated && /, '').replace('-O src/generated', `-O ${out}`);
      const [bin, ...args] = generator.split(' ');
      execFileSync(join(PROJECT_DIR, '../../node_modules/.bin', bin), args, { cwd: PROJECT_DIR, stdio: 'pipe' });
      const committed = join(PROJECT_DIR, 'src/generated');
      const fresh = listFiles(out).map((f) => relative(out, f)).sort();
      expect(listFiles(committed).map((f) => relative(committed, f)).sort()).toEqual(fresh);
      for (const file of fresh) expect(readFileSync(join(committed, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
