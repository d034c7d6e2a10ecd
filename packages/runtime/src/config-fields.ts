// Readers for raw config values (a JSON file's fields or environment strings) into typed fields; every refusal is
// a ConfigError naming the field. Absent and empty values read as undefined, so callers can layer defaults.

import { readFileSync } from 'node:fs';

/** A configuration problem; the message names the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A raw config object (a file's section). */
export type Raw = Record<string, unknown>;

/** The JSON object in the config file at `path`; a file that cannot be read or holds no JSON object is a ConfigError naming it. */
export function readConfigFile(path: string): Raw {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file \`${path}\`: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file \`${path}\` is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`config file \`${path}\` must hold a JSON object`);
  return value as Raw;
}

/** A nested object (absent: empty). */
export function obj(value: unknown, field: string): Raw {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`\`${field}\` must be an object`);
  return value as Raw;
}

export function str(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`\`${field}\` must be a string`);
  return value;
}

/** An integer from `min` to `max` (numbers, or their decimal text from the environment). */
export function int(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`\`${field}\` must be an integer from ${min} to ${max}, got \`${String(value)}\``);
  }
  return n;
}

/** A number from 0 to 1. */
export function ratio(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !(n >= 0 && n <= 1)) throw new ConfigError(`\`${field}\` must be a number from 0 to 1, got \`${String(value)}\``);
  return n;
}

/** A boolean, or `true` / `false` / `1` / `0` as text. */
export function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`\`${field}\` must be true or false, got \`${String(value)}\``);
}

/** One of `allowed`. */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  const s = str(value, field);
  if (s === undefined) return undefined;
  if (!allowed.includes(s as T)) throw new ConfigError(`\`${field}\` must be one of ${allowed.join(', ')}, got \`${s}\``);
  return s as T;
}

/** A string matching `re` (`what` says what it must be). */
export function pattern(value: string | undefined, field: string, re: RegExp, what: string): string | undefined {
  if (value !== undefined && !re.test(value)) throw new ConfigError(`\`${field}\` must be ${what}, got \`${value}\``);
  return value;
}

/** A list of strings: an array, or comma-separated text. */
export function strList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`\`${field}\` must be a list of strings`);
  return value as string[];
}
