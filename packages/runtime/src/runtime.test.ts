// The logger's lines and levels, and the config readers' values and field-named refusals.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bool, ConfigError, createLogger, int, obj, oneOf, pattern, ratio, readConfigFile, str, strList } from './index.ts';

describe('createLogger', () => {
  it('writes one JSON line per event at or above its level, with the component and errors spelled out', () => {
    const lines: string[] = [];
    const log = createLogger('pdp', 'info', (l) => lines.push(l));
    log.debug('hidden');
    log.warn('store down', { revision: 3, error: new TypeError('boom') });
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]);
    expect(event).toMatchObject({ level: 'warn', component: 'pdp', msg: 'store down', revision: 3, error: { name: 'TypeError', message: 'boom' } });
    expect(Number.isNaN(Date.parse(event.time))).toBe(false);
  });
});

describe('config readers', () => {
  it('read absent and empty values as undefined, and convert environment text', () => {
    expect([str(undefined, 'a'), str('', 'a'), int('', 'n', 0, 9), bool(undefined, 'b'), strList('', 'l')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(int('42', 'n', 0, 100)).toBe(42);
    expect(ratio('0.25', 'r')).toBe(0.25);
    expect([bool('1', 'b'), bool('false', 'b'), bool(true, 'b')]).toEqual([true, false, true]);
    expect(strList(' a, b ,,c', 'l')).toEqual(['a', 'b', 'c']);
    expect(oneOf('sqlite', 'driver', ['sqlite', 'postgres'] as const)).toBe('sqlite');
    expect(obj(undefined, 'store')).toEqual({});
  });

  it('refuse wrong values with a ConfigError naming the field', () => {
    const refusals: Array<[() => unknown, RegExp]> = [
      [() => int('4.5', 'port', 0, 65535), /`port` must be an integer from 0 to 65535, got `4.5`/],
      [() => int(70000, 'port', 0, 65535), /`port`/],
      [() => ratio('2', 'rate'), /`rate` must be a number from 0 to 1/],
      [() => bool('yes', 'trustProxy'), /`trustProxy` must be true or false, got `yes`/],
      [() => str(5, 'host'), /`host` must be a string/],
      [() => obj([], 'store'), /`store` must be an object/],
      [() => oneOf('mysql', 'driver', ['sqlite', 'postgres']), /`driver` must be one of sqlite, postgres, got `mysql`/],
      [() => pattern('12', 'account', /^\d{12}$/, 'a 12-digit account id'), /`account` must be a 12-digit account id, got `12`/],
      [() => strList([1], 'keys'), /`keys` must be a list of strings/],
    ];
    for (const [read, message] of refusals) {
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(message);
    }
  });
});

describe('readConfigFile', () => {
  it('returns the JSON object of the file, and names the file it cannot use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runtime-config-'));
    try {
      const write = (name: string, text: string) => {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      };
      expect(readConfigFile(write('ok.json', '{"port": 8080, "store": {"driver": "sqlite"}}'))).toEqual({ port: 8080, store: { driver: 'sqlite' } });
      const missing = join(dir, 'missing.json');
      const refusals: Array<[string, RegExp]> = [
        [missing, /^cannot read config file `.*missing\.json`: /],
        [write('bad.json', '{ nope'), /^config file `.*bad\.json` is not valid JSON: /],
        [write('list.json', '[1, 2]'), /^config file `.*list\.json` must hold a JSON object$/],
        [write('null.json', 'null'), /^config file `.*null\.json` must hold a JSON object$/],
      ];
      for (const [path, message] of refusals) {
        expect(() => readConfigFile(path)).toThrow(ConfigError);
        expect(() => readConfigFile(path)).toThrow(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
