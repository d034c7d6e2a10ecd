// Entry point of the parser: a policy document (JSON text or object) to a ParsedPolicy plus findings.

import type { Finding, ParsedPolicy, ParsedStatement, PolicyDocument, PolicyType } from '../model/policy.ts';
import {
  DEFAULT_VERSION,
  POLICY_VERSIONS,
  VARIABLES_VERSION,
  type ParseContext,
  type PolicyVersion,
} from './context.ts';
import { FindingCollector, childPath, indexPath, isJsonObject, jsonTypeName, type StatementRef } from './findings.ts';
import { parseStatement } from './parse-statement.ts';
import { TYPE_NAMES } from './policy-types.ts';

/** Elements a policy document may contain at the top level. */
export const TOP_LEVEL_ELEMENTS: readonly string[] = ['Version', 'Id', 'Statement'];

/** A parsed statement with where it came from, for checks that need the raw JSON. */
export interface StatementSource {
  statement: ParsedStatement;
  ref: StatementRef;
  raw: Record<string, unknown>;
}

/** Everything one parse learned; `validatePolicy` builds on it. */
export interface PolicyParseDetail {
  policy: ParsedPolicy | null;
  findings: Finding[];
  /** The document as a JSON object (null when it is not one). */
  root: Record<string, unknown> | null;
  /** The text as given, when the document was a string. */
  sourceText: string | null;
  sources: StatementSource[];
}

/**
 * Parse a policy for a given use. `policy` is null only when the document is not JSON or not an
 * object; otherwise it holds every statement with a usable Effect, normalized. Findings of
 * severity ERROR mean the policy breaks the grammar and must not be compiled; without them every
 * operator is known, every Numeric/Date/Ip/Binary/Bool/Null value is well-formed, every action is
 * `*` or `service:pattern`, every resource is `*` or an ARN, and Principal/Resource fit `type`.
 */
export function parsePolicy(document: PolicyDocument, type: PolicyType): { policy: ParsedPolicy | null; findings: Finding[] } {
  const detail = parsePolicyDetail(document, type);
  return { policy: detail.policy, findings: detail.findings };
}

/** `parsePolicy` plus the raw JSON of each statement and of the document. */
export function parsePolicyDetail(document: PolicyDocument, type: PolicyType): PolicyParseDetail {
  const out = new FindingCollector();
  const sourceText = typeof document === 'string' ? document : null;
  const root = readDocument(document, out);
  if (!root) return { policy: null, findings: out.findings, root: null, sourceText, sources: [] };
  for (const key of Object.keys(root)) {
    if (TOP_LEVEL_ELEMENTS.includes(key)) continue;
    const hint = TOP_LEVEL_ELEMENTS.find((e) => e.toLowerCase() === key.toLowerCase());
    out.error('unknown_element', `unknown policy element \`${key}\`${hint ? `; did you mean \`${hint}\`` : ''}`, key);
  }
  const ctx: ParseContext = { type, version: readVersion(root, type, out), out };
  const policy: ParsedPolicy = { version: ctx.version, statements: [] };
  if (root.Id !== undefined) {
    if (typeof root.Id === 'string') policy.id = root.Id;
    else out.error('invalid_type', `\`Id\` must be a string, not ${jsonTypeName(root.Id)}`, 'Id');
  }
  const sources: StatementSource[] = [];
  const listed = readStatementList(root, out);
  for (const { raw, ref } of listed) {
    const statement = parseStatement(ctx, raw, ref);
    if (statement && isJsonObject(raw)) {
      policy.statements.push(statement);
      sources.push({ statement, ref, raw });
    }
  }
  reportDuplicateSids(listed.map((l) => l.ref), out);
  return { policy, findings: out.findings, root, sourceText, sources };
}

function readDocument(document: PolicyDocument, out: FindingCollector): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = typeof document === 'string' ? JSON.parse(document) : JSON.parse(JSON.stringify(document));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const code = typeof document === 'string' ? 'invalid_json' : 'invalid_document';
    out.error(code, `document is not valid JSON: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, '');
    return null;
  }
  if (isJsonObject(value)) return value;
  out.error('invalid_document', `a policy document must be a JSON object, not ${jsonTypeName(value)}`, '');
  return null;
}

function readVersion(root: Record<string, unknown>, type: PolicyType, out: FindingCollector): PolicyVersion {
  const value = root.Version;
  if (value === undefined) {
    if (type === 'rcp') {
      out.error('invalid_version', `${TYPE_NAMES[type]} require \`"Version": "2012-10-17"\``, 'Version');
    } else {
      out.warning(
        'missing_version',
        'no `Version`: the 2008-10-17 rules apply and policy variables are literal text; add `"Version": "2012-10-17"`',
        'Version',
      );
    }
    return DEFAULT_VERSION;
  }
  const version = POLICY_VERSIONS.find((v) => v === value);
  if (!version) {
    const shown = typeof value === 'string' ? `\`${value}\`` : jsonTypeName(value);
    out.error('invalid_version', `invalid \`Version\` ${shown}; use \`2012-10-17\``, 'Version');
    return VARIABLES_VERSION;
  }
  if (type === 'rcp' && version !== VARIABLES_VERSION) {
    out.error('invalid_version', `${TYPE_NAMES[type]} require \`"Version": "2012-10-17"\``, 'Version');
  }
  return version;
}

/** The statements with their paths: `Statement` for a single object, `Statement[i]` in an array. */
function readStatementList(root: Record<string, unknown>, out: FindingCollector): { raw: unknown; ref: StatementRef }[] {
  const value = root.Statement;
  const refFor = (raw: unknown, index: number, path: string): { raw: unknown; ref: StatementRef } => {
    const sid = isJsonObject(raw) && typeof raw.Sid === 'string' ? raw.Sid : undefined;
    return { raw, ref: sid === undefined ? { index, path } : { index, sid, path } };
  };
  if (value === undefined) {
    out.error('missing_statement', 'policy has no `Statement`', 'Statement');
    return [];
  }
  if (isJsonObject(value)) return [refFor(value, 0, 'Statement')];
  if (!Array.isArray(value)) {
    out.error('invalid_type', `\`Statement\` must be an object or an array of objects, not ${jsonTypeName(value)}`, 'Statement');
    return [];
  }
  if (value.length === 0) out.error('empty_statement', '`Statement` is empty; add at least one statement', 'Statement');
  return value.map((raw, i) => refFor(raw, i, indexPath('Statement', i)));
}

function reportDuplicateSids(refs: StatementRef[], out: FindingCollector): void {
  const first = new Map<string, StatementRef>();
  for (const ref of refs) {
    if (ref.sid === undefined || ref.sid === '') continue;
    const earlier = first.get(ref.sid);
    if (earlier === undefined) first.set(ref.sid, ref);
    else out.error('duplicate_sid', `\`Sid\` \`${ref.sid}\` is already used by ${earlier.path}; statement ids must be unique`, childPath(ref.path, 'Sid'), ref);
  }
}
