// Checks that the policy ids a case expects in reasons and errors name real statements of its world.

import type { Layer, PolicyDocument, WorldSnapshot } from '@iam/core';
import type { CaseFile, CorpusCase, ExpectedReason } from './types.ts';

/** A policy found for a policy id, with the layers its statements may appear in. */
interface FoundPolicy {
  document: PolicyDocument;
  layers: Layer[];
}

const INLINE_MARKER = '#inline/';
const RESOURCE_SUFFIX = '#resource';
const TRUST_SUFFIX = '#trust';
const SESSION_PREFIX = 'session#';

/** The statements of a policy document (object or JSON text; one statement or an array). */
export function statementsOf(document: PolicyDocument): Record<string, unknown>[] {
  const doc = typeof document === 'string' ? (JSON.parse(document) as Record<string, unknown>) : document;
  const st = doc.Statement;
  if (Array.isArray(st)) return st as Record<string, unknown>[];
  return st && typeof st === 'object' ? [st as Record<string, unknown>] : [];
}

/** Layers a managed policy can act in, from its kind and where the world uses it. */
function managedLayers(world: WorldSnapshot, arn: string, kind: string | undefined, c: CorpusCase): Layer[] {
  if (kind === 'scp') return ['scp'];
  if (kind === 'rcp') return ['rcp'];
  const layers: Layer[] = ['identity'];
  const principals = [...(world.users ?? []), ...(world.roles ?? [])];
  if (principals.some((p) => p.permissionsBoundary === arn)) layers.push('boundary');
  if (c.request.principal.session?.policyArns?.includes(arn)) layers.push('session');
  return layers;
}

/** Resolves a policy id of the corpus format to its document, or undefined when it names nothing. */
function findPolicy(world: WorldSnapshot, id: string, c: CorpusCase): FoundPolicy | undefined {
  if (id.startsWith(SESSION_PREFIX)) {
    const doc = c.request.principal.session?.policies?.[Number(id.slice(SESSION_PREFIX.length))];
    return doc === undefined ? undefined : { document: doc, layers: ['session'] };
  }
  if (id.endsWith(RESOURCE_SUFFIX)) {
    const arn = id.slice(0, -RESOURCE_SUFFIX.length);
    const res = world.resources?.find((r) => r.arn === arn);
    return res?.policy === undefined ? undefined : { document: res.policy, layers: ['resource'] };
  }
  if (id.endsWith(TRUST_SUFFIX)) {
    const role = world.roles?.find((r) => r.arn === id.slice(0, -TRUST_SUFFIX.length));
    return role === undefined ? undefined : { document: role.trustPolicy, layers: ['trust'] };
  }
  const at = id.indexOf(INLINE_MARKER);
  if (at >= 0) {
    const owner = id.slice(0, at);
    const name = id.slice(at + INLINE_MARKER.length);
    const holders = [...(world.users ?? []), ...(world.groups ?? []), ...(world.roles ?? [])];
    const inline = holders.find((h) => h.arn === owner)?.inlinePolicies?.find((p) => p.name === name);
    return inline === undefined ? undefined : { document: inline.document, layers: ['identity'] };
  }
  const managed = world.policies?.find((p) => p.arn === id);
  return managed === undefined
    ? undefined
    : { document: managed.document, layers: managedLayers(world, id, managed.kind, c) };
}

/** Problems with one expected reason: unknown policy, statement out of range, wrong effect or layer. */
function reasonProblems(world: WorldSnapshot, c: CorpusCase, r: ExpectedReason): string[] {
  const found = findPolicy(world, r.policyId, c);
  if (!found) return [`reason names \`${r.policyId}\`, which the world does not hold`];
  const statement = statementsOf(found.document)[r.statementIndex];
  if (!statement) return [`reason names statement ${r.statementIndex} of \`${r.policyId}\`, which does not exist`];
  const out: string[] = [];
  if (statement.Effect !== r.effect) {
    out.push(`reason says statement ${r.statementIndex} of \`${r.policyId}\` is ${r.effect}, it is ${String(statement.Effect)}`);
  }
  if (!found.layers.includes(r.layer)) {
    out.push(`reason puts \`${r.policyId}\` in layer ${r.layer}, it can only act in ${found.layers.join(', ')}`);
  }
  return out;
}

/** Every reference problem of a case file, each prefixed with the case name. */
export function referenceProblems(file: CaseFile): string[] {
  const out: string[] = [];
  for (const c of file.cases) {
    for (const r of c.expect.reasons ?? []) {
      out.push(...reasonProblems(file.world, c, r).map((p) => `${c.name}: ${p}`));
    }
    for (const e of c.expect.errors ?? []) {
      const found = findPolicy(file.world, e.policyId, c);
      if (!found || !statementsOf(found.document)[e.statementIndex]) {
        out.push(`${c.name}: error names statement ${e.statementIndex} of \`${e.policyId}\`, which does not exist`);
      }
    }
  }
  return out;
}
