// One statement against the current request: service filter, Action/NotAction, Resource/NotResource,
// Principal/NotPrincipal (resource-based policies) and the Condition block.

import { EXK_ERROR, EXK_REASON, SF_ANY_ACTION, SF_ANY_RESOURCE, SF_ANY_SERVICE, SF_DENY, SF_NOT_ACTION, SF_NOT_PRINCIPAL, SF_NOT_RESOURCE, ST_ACTIONS, ST_ACTION_BITS, ST_CONDITIONS, ST_FLAGS, ST_ID, ST_PRINCIPALS, ST_RESOURCES, ST_SERVICES, RQ_ACTION, RQ_RESOURCE } from './layout';
import { REQ_PARTS } from './arn';
import { evalCondition } from './condition';
import { GRANT_DIRECT, GRANT_NONE, anyActionMatches, anyResourceMatches, notPrincipalExcludes, principalGrant, principalHasBoundary } from './match';
import { listAt, listLen, strData, strLen } from './mem';
import { clearStmtError, explain, record, req, serviceId, stmtError } from './state';

/** Whether the request resource is an ARN (set once per request by the evaluator). */
let resourceIsArn: bool = false;
export function setResourceIsArn(v: bool): void { resourceIsArn = v; }

/** The request action's bit (see ST_ACTION_BITS; set once per request by the evaluator). */
let actionBit: u32 = 0;
export function setActionBit(v: u32): void { actionBit = v; }

/** Outcome of the last `evalStatement`: matched Allow/Deny with grant strength, or errored. */
export let matchedGrant: u32 = 0;
export let errored: bool = false;

/** Whether the statement's service filter admits the request's action service. */
@inline function serviceAdmits(st: u32, flags: u32): bool {
  if ((flags & SF_ANY_SERVICE) != 0) return true;
  const list = load<u32>(st + ST_SERVICES);
  const n = listLen(list);
  for (let i: u32 = 0; i < n; i++) if (listAt(list, i) == serviceId) return true;
  return false;
}

/**
 * Evaluate one statement. Returns true when it applies (action, resource, principal and conditions all
 * match); `matchedGrant` then holds the principal grant strength (GRANT_DIRECT outside resource policies).
 * A statement whose conditions hit an evaluation error does not apply; `errored` tells, and the error is
 * recorded. Reasons are recorded when explaining. `checkService` false: the caller knows the statement's
 * services admit the request's (a statement index lists it under that service).
 */
export function evalStatement(st: u32, layer: u32, isResourcePolicy: bool, checkService: bool): bool {
  errored = false;
  const flags = load<u32>(st + ST_FLAGS);
  if (checkService && !serviceAdmits(st, flags)) return false;
  if ((flags & SF_ANY_ACTION) == 0) {
    // the header's action bits reject many statements for other actions before their patterns are read
    if ((flags & SF_NOT_ACTION) == 0 && (load<u32>(st + ST_ACTION_BITS) & actionBit) == 0) return false;
    const a = load<u32>(req + RQ_ACTION);
    const m = anyActionMatches(load<u32>(st + ST_ACTIONS), strData(a), strLen(a));
    if (m == ((flags & SF_NOT_ACTION) != 0)) return false;
  } else if ((flags & SF_NOT_ACTION) != 0) return false;
  const resources = load<u32>(st + ST_RESOURCES);
  if (resources != 0 && (flags & SF_ANY_RESOURCE) == 0) {
    const r = load<u32>(req + RQ_RESOURCE);
    const m = anyResourceMatches(resources, strData(r), strLen(r), REQ_PARTS, resourceIsArn);
    if (m == ((flags & SF_NOT_RESOURCE) != 0)) return false;
  } else if (resources != 0 && (flags & SF_NOT_RESOURCE) != 0) return false;
  let grant = GRANT_DIRECT;
  if (isResourcePolicy) {
    const principals = load<u32>(st + ST_PRINCIPALS);
    if ((flags & SF_NOT_PRINCIPAL) != 0) {
      if (!principalHasBoundary() && notPrincipalExcludes(principals)) return false;
    } else {
      grant = principalGrant(principals);
      if (grant == GRANT_NONE) return false;
    }
  }
  const conds = load<u32>(st + ST_CONDITIONS);
  const nc = listLen(conds);
  if (nc != 0) {
    // three-valued AND: a condition that is false (without error) decides; otherwise an error decides
    let cleanFalse = false;
    let firstError: u32 = 0;
    for (let i: u32 = 0; i < nc; i++) {
      clearStmtError();
      const holds = evalCondition(listAt(conds, i));
      if (stmtError != 0) {
        if (firstError == 0) firstError = stmtError;
      } else if (!holds) {
        cleanFalse = true;
        if (!explain) break;
      }
    }
    clearStmtError();
    if (cleanFalse) return false;
    if (firstError != 0) {
      errored = true;
      record(EXK_ERROR, load<u32>(st + ST_ID), firstError);
      return false;
    }
  }
  matchedGrant = grant;
  if (explain) record(EXK_REASON, load<u32>(st + ST_ID), layer);
  return true;
}

/** Whether the statement is a Deny. */
@inline export function isDeny(st: u32): bool {
  return (load<u32>(st + ST_FLAGS) & SF_DENY) != 0;
}
