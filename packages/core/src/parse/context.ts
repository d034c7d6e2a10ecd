// What every parse step needs: the policy type, the language version and the finding sink.

import type { ParsedPolicy, PolicyType } from '../model/policy.ts';
import type { FindingCollector } from './findings.ts';

/** The policy language version in effect (`2008-10-17` when Version is missing). */
export type PolicyVersion = ParsedPolicy['version'];

/** Policy language versions IAM knows. */
export const POLICY_VERSIONS: readonly PolicyVersion[] = ['2012-10-17', '2008-10-17'];
/** The version with policy variables. */
export const VARIABLES_VERSION: PolicyVersion = '2012-10-17';
/** The version assumed when Version is missing. */
export const DEFAULT_VERSION: PolicyVersion = '2008-10-17';

/** Shared state of one parse. */
export interface ParseContext {
  type: PolicyType;
  version: PolicyVersion;
  out: FindingCollector;
}

/** True when `${...}` is a policy variable under this version (not literal text). */
export function variablesEnabled(ctx: ParseContext): boolean {
  return ctx.version === VARIABLES_VERSION;
}
