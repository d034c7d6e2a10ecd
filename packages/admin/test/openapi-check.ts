// Checks recorded answers against the served OpenAPI document: every route and status documented, every body valid.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { RECORDED, type Exchange } from './client.ts';

/** The parts of an OpenAPI document the check reads. */
export type OpenApiDoc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

/** Finds the documented path template matching a concrete path (`{x}` matches one URL segment). */
function matchTemplate(doc: OpenApiDoc, path: string): string | undefined {
  const segs = path.split('/');
  const candidates = Object.keys(doc.paths).filter((t) => {
    const ts = t.split('/');
    return ts.length === segs.length && ts.every((s, i) => (s.startsWith('{') && segs[i] !== '') || s === segs[i]);
  });
  // Prefer the template with the most literal segments (`/a/b` over `/a/{x}`).
  return candidates.sort((a, b) => literals(b) - literals(a))[0];
}

function literals(t: string): number {
  return t.split('/').filter((s) => !s.startsWith('{')).length;
}

/** Validates every exchange recorded so far against `doc`; returns how many were checked. Fails the test on any mismatch. */
export function checkAgainstOpenApi(doc: OpenApiDoc, exchanges: readonly Exchange[] = RECORDED): number {
  const { problems, checked } = findProblems(doc, exchanges);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThan(0);
  return checked;
}

/** Every mismatch between `exchanges` and `doc`: undocumented routes, methods, statuses, content types and invalid bodies. */
export function findProblems(doc: OpenApiDoc, exchanges: readonly Exchange[]): { problems: string[]; checked: number } {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc as object, 'openapi');
  const problems: string[] = [];
  let checked = 0;
  for (const ex of exchanges) {
    if (!ex.path.startsWith('/v1/')) continue;
    const template = matchTemplate(doc, ex.path);
    if (!template) { problems.push(`undocumented route ${ex.method.toUpperCase()} ${ex.path}`); continue; }
    const op = doc.paths[template][ex.method];
    if (!op) { problems.push(`undocumented method ${ex.method.toUpperCase()} ${template}`); continue; }
    const response = op.responses[String(ex.status)];
    if (!response) { problems.push(`undocumented status ${ex.status} of ${ex.method.toUpperCase()} ${template}`); continue; }
    if (!ex.contentType.includes('application/json')) { problems.push(`${ex.method.toUpperCase()} ${template} ${ex.status} answered ${ex.contentType}`); continue; }
    const pointer = `openapi#/paths/${escape(template)}/${ex.method}/responses/${ex.status}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer);
    if (!validate) { problems.push(`no schema at ${pointer}`); continue; }
    if (!validate(ex.body)) {
      problems.push(`${ex.method.toUpperCase()} ${template} ${ex.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(ex.body).slice(0, 300)}`);
    }
    checked++;
  }
  return { problems, checked };
}

function escape(template: string): string {
  return template.replace(/~/g, '~0').replace(/\//g, '~1');
}
