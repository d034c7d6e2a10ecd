// Warnings about how conditions behave: set qualifiers, single- and multi-valued keys, boolean keys.

import type { ConditionEntry } from '../model/policy.ts';
import type { FindingCollector } from '../parse/findings.ts';
import { childPath } from '../parse/findings.ts';
import { OPERATOR_KINDS } from '../parse/operators.ts';
import type { StatementSource } from '../parse/parse-policy.ts';
import { isBooleanKey, isMultiValuedKey, isSingleValuedKey } from './key-catalog.ts';

/** Element path of one condition entry: `Statement[1].Condition.IpAddress.aws:SourceIp`. */
export function conditionPath(source: StatementSource, entry: ConditionEntry): string {
  return childPath(childPath(childPath(source.ref.path, 'Condition'), entry.operatorText), entry.key);
}

/** Run every condition check on every statement. */
export function checkConditions(sources: readonly StatementSource[], out: FindingCollector): void {
  for (const source of sources) {
    for (const entry of source.statement.conditions) {
      checkForAllValuesWithAllow(source, entry, out);
      checkSetQualifier(source, entry, out);
      checkBooleanKey(source, entry, out);
    }
  }
}

/** ForAllValues is true when the key is missing, so with Allow it grants to requests without the key. */
function checkForAllValuesWithAllow(source: StatementSource, entry: ConditionEntry, out: FindingCollector): void {
  if (entry.qualifier !== 'ForAllValues' || source.statement.effect !== 'Allow') return;
  const guarded = source.statement.conditions.some(
    (c) => c.operator === 'Null' && c.key.toLowerCase() === entry.key.toLowerCase() && c.values.every((v) => v.toLowerCase() === 'false'),
  );
  if (guarded) return;
  out.warning(
    'for_all_values_with_allow',
    `\`ForAllValues\` is also true when \`${entry.key}\` is missing or empty, so this Allow applies to such requests; add \`"Null": {"${entry.key}": "false"}\``,
    conditionPath(source, entry),
    source.ref,
  );
}

/** Set qualifiers belong to multi-valued keys; a multi-valued key without one is ambiguous. */
function checkSetQualifier(source: StatementSource, entry: ConditionEntry, out: FindingCollector): void {
  const path = conditionPath(source, entry);
  if (entry.qualifier !== null && isSingleValuedKey(entry.key)) {
    out.warning(
      'set_operator_on_single_valued_key',
      `\`${entry.key}\` has a single value; drop \`${entry.qualifier}:\` from \`${entry.operatorText}\``,
      path,
      source.ref,
    );
  } else if (entry.qualifier === null && entry.operator !== 'Null' && isMultiValuedKey(entry.key)) {
    out.warning(
      'missing_set_qualifier',
      `\`${entry.key}\` has several values; say \`ForAnyValue:\` or \`ForAllValues:\` before \`${entry.operatorText}\``,
      path,
      source.ref,
    );
  }
}

/** A boolean key compared with a String operator works, but `Bool` says what is meant. */
function checkBooleanKey(source: StatementSource, entry: ConditionEntry, out: FindingCollector): void {
  if (OPERATOR_KINDS.get(entry.operator) !== 'string' || !isBooleanKey(entry.key)) return;
  out.suggestion(
    'string_operator_on_boolean_key',
    `\`${entry.key}\` is a boolean key; compare it with \`Bool\` rather than \`${entry.operatorText}\``,
    conditionPath(source, entry),
    source.ref,
  );
}
