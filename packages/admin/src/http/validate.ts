// Request validation: each route's parameter, query and body schemas compiled once with ajv; errors name the field.

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { invalidInput } from '../errors.ts';
import type { RouteSpec } from './route.ts';
import { object } from './schemas.ts';

/** Validates and normalizes one request's params, query and body; throws `invalid_input`. */
export type RequestValidator = (params: Record<string, unknown>, query: Record<string, unknown>, body: unknown) => {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
};

/** Compiles validators for many routes on one pair of ajv instances. */
export class ValidatorFactory {
  /** Strict types for JSON bodies. */
  private readonly bodies = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
  /** Query and path values arrive as strings: coerce to the documented types. */
  private readonly strings = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, coerceTypes: 'array' });

  /** The validator of one route. */
  compile(spec: RouteSpec): RequestValidator {
    const params = this.strings.compile(object(spec.params ?? {}, Object.keys(spec.params ?? {})));
    const query = this.strings.compile(object(spec.query ?? {}, spec.queryRequired ?? []));
    const body = spec.body ? this.bodies.compile(spec.body) : null;
    return (rawParams, rawQuery, rawBody) => {
      const p = { ...rawParams };
      check(params, p, 'path parameter');
      const q = { ...rawQuery };
      check(query, q, 'query parameter');
      let b: unknown = rawBody;
      if (body) {
        if (b === undefined) b = {};
        check(body, b, 'body');
      } else if (b !== undefined && !(typeof b === 'object' && b !== null && Object.keys(b).length === 0)) {
        throw invalidInput('this operation takes no request body');
      }
      return { params: p as Record<string, string>, query: q, body: b };
    };
  }
}

function check(validate: ValidateFunction, value: unknown, where: string): void {
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  throw invalidInput(describe(errors[0], where), { errors: errors.map((e) => ({ path: fieldOf(e, where), message: e.message ?? 'is invalid' })) });
}

/** `body.tags.team` style name of the offending field. */
function fieldOf(e: ErrorObject, where: string): string {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.propertyName !== undefined) parts.push(e.propertyName);
  if (e.keyword === 'additionalProperties') parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  if (where === 'body') return ['body', ...parts].join('.');
  return parts.join('.') || where;
}

function describe(e: ErrorObject | undefined, where: string): string {
  if (!e) return `invalid ${where}`;
  const field = fieldOf(e, where);
  const label = where === 'body' ? `\`${field}\`` : `${where} \`${field}\``;
  switch (e.keyword) {
    case 'required': return `${label} is required`;
    case 'additionalProperties': return `${label} is not a known field`;
    case 'type': return `${label} must be of type ${(e.params as { type: string }).type}`;
    case 'pattern': return `${label} has invalid characters or format`;
    case 'maxLength': return `${label} must have at most ${(e.params as { limit: number }).limit} characters`;
    case 'minLength': return `${label} must have at least ${(e.params as { limit: number }).limit} characters`;
    case 'enum': return `${label} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
    case 'propertyNames': return `${label} has an invalid key`;
    default: return `${label} ${e.message ?? 'is invalid'}`;
  }
}
