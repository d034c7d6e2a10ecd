// Counts of a world: principals, policies (every document, whatever its layer) and statements.

import type { PolicyDocument } from '../src/model/policy.ts';
import type { PolicyType } from '../src/model/policy.ts';
import type { WorldSnapshot } from '../src/model/snapshot.ts';

/** How big a world is. */
export interface WorldCounts {
  /** Users plus roles. */
  principals: number;
  /** Managed policies (SCPs included), inline, trust and resource policies. */
  policies: number;
  statements: number;
  accounts: number;
  groups: number;
  resources: number;
}

/** One policy document of a world with the type it is validated as and where it sits. */
export interface WorldDocument {
  /** The managed policy ARN, `<owner>#inline/<name>`, `<role>#trust` or `<resource>#resource`. */
  id: string;
  type: PolicyType;
  document: PolicyDocument;
}

/** Every policy document of a world, typed (a managed policy used as a boundary is typed `boundary`). */
export function worldDocuments(world: WorldSnapshot): WorldDocument[] {
  const boundaries = new Set([...(world.users ?? []), ...(world.roles ?? [])].map((p) => p.permissionsBoundary).filter(Boolean));
  const out: WorldDocument[] = [];
  for (const p of world.policies ?? []) {
    const type: PolicyType = p.kind === 'scp' || p.kind === 'rcp' ? p.kind : boundaries.has(p.arn) ? 'boundary' : 'identity';
    out.push({ id: p.arn, type, document: p.document });
  }
  for (const owner of [...(world.users ?? []), ...(world.groups ?? []), ...(world.roles ?? [])]) {
    for (const i of owner.inlinePolicies ?? []) out.push({ id: `${owner.arn}#inline/${i.name}`, type: 'identity', document: i.document });
  }
  for (const r of world.roles ?? []) out.push({ id: `${r.arn}#trust`, type: 'trust', document: r.trustPolicy });
  for (const r of world.resources ?? []) if (r.policy) out.push({ id: `${r.arn}#resource`, type: 'resource', document: r.policy });
  return out;
}

/** Number of statements in a document (0 when it is not an object with a Statement). */
export function statementCount(document: PolicyDocument): number {
  const parsed: unknown = typeof document === 'string' ? JSON.parse(document) : document;
  const statement = (parsed as { Statement?: unknown } | null)?.Statement;
  if (Array.isArray(statement)) return statement.length;
  return statement && typeof statement === 'object' ? 1 : 0;
}

/** Counts a world's entities and policy statements. */
export function countWorld(world: WorldSnapshot): WorldCounts {
  const documents = worldDocuments(world);
  return {
    principals: (world.users?.length ?? 0) + (world.roles?.length ?? 0),
    policies: documents.length,
    statements: documents.reduce((n, d) => n + statementCount(d.document), 0),
    accounts: world.accounts?.length ?? 0,
    groups: world.groups?.length ?? 0,
    resources: world.resources?.length ?? 0,
  };
}
