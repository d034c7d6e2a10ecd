// Matching actions, resources (ARN components) and principals of a statement against the request.

import { PEK_ACCOUNT, PEK_ANY, PEK_ARN, PEK_FEDERATED, PEK_SERVICE, PE_KIND, PE_VALUE, PK_FEDERATED, PK_ROLE, PK_ROOT, PK_SERVICE, PK_USER, PR_ARN, PR_BOUNDARY, NONE, RPK_ANY, RPK_ARN, RP_HEAD, RP_KIND, RP_PARTS, RP_WHOLE, RQ_PACCOUNT, RQ_PARN, RQ_PKIND } from './layout';
import { globMatch, plainMatches } from './glob';
import { bytesEqual, listAt, listLen, strData, strEqual, strLen } from './mem';
import { principal, req } from './state';
import { render, renderedLen, renderedPtr, resetScratch } from './template';

/** Grant strength of a matched principal entry (resource policies): none < account < role < direct. */
export const GRANT_NONE: u32 = 0;
export const GRANT_ACCOUNT: u32 = 1;
export const GRANT_ROLE: u32 = 2;
export const GRANT_DIRECT: u32 = 3;

/** Whether any action pattern of the list matches the lowercased action at [a, a+n). */
export function anyActionMatches(list: u32, a: u32, n: u32): bool {
  const count = listLen(list);
  for (let i: u32 = 0; i < count; i++) {
    const pat = listAt(list, i);
    if (plainMatches(pat, a, n)) return true; // actions are plain patterns (no variables)
  }
  return false;
}

/** Whether one ARN component pattern matches the request's component [tp, tp+tn). */
@inline function componentMatches(pattern: u32, tp: u32, tn: u32): bool {
  // plain component: matched by its shape, no rendering
  if (load<u32>(pattern) == 0) return plainMatches(pattern, tp, tn);
  return render(pattern) && globMatch(renderedPtr, renderedLen, tp, tn, false);
}

/**
 * Whether a resource pattern matches text [t, t+n) whose ARN split is in `parts` (isArn false when the
 * text is not an ARN).
 */
export function resourcePatternMatches(rp: u32, t: u32, n: u32, parts: u32, isArn: bool): bool {
  const kind = load<u32>(rp + RP_KIND);
  if (kind == RPK_ANY) return true;
  resetScratch();
  if (kind == RPK_ARN && isArn) {
    const head = load<u32>(rp + RP_HEAD);
    if (head != 0) {
      // literal first five components: the resource part, then the request's text before it compared whole
      if (!componentMatches(load<u32>(rp + RP_PARTS + 20), load<u32>(parts + 40), load<u32>(parts + 44))) return false;
      const headLen = strLen(head);
      return load<u32>(parts + 40) - t == headLen && bytesEqual(strData(head), headLen, t, headLen);
    }
    // the resource part (most selective) first, then the other components
    for (let k: u32 = 0; k < 6; k++) {
      const i: u32 = k == 0 ? 5 : k - 1;
      if (!componentMatches(load<u32>(rp + RP_PARTS + i * 4), load<u32>(parts + i * 8), load<u32>(parts + i * 8 + 4))) return false;
    }
    return true;
  }
  if (!render(load<u32>(rp + RP_WHOLE))) return false;
  return globMatch(renderedPtr, renderedLen, t, n, false);
}

/** Whether any resource pattern of the list matches. */
export function anyResourceMatches(list: u32, t: u32, n: u32, parts: u32, isArn: bool): bool {
  const count = listLen(list);
  for (let i: u32 = 0; i < count; i++) {
    if (resourcePatternMatches(listAt(list, i), t, n, parts, isArn)) return true;
  }
  return false;
}

/** The request principal's account id string ptr, or 0. */
@inline function accountOf(): u32 {
  return load<u32>(req + RQ_PACCOUNT);
}

/** Grant strength of one principal entry for the request principal. */
export function entryGrant(e: u32): u32 {
  const kind = load<u32>(e + PE_KIND);
  if (kind == PEK_ANY) return GRANT_DIRECT;
  const v = load<u32>(e + PE_VALUE);
  const pk = load<u32>(req + RQ_PKIND);
  if (kind == PEK_ACCOUNT) {
    if (pk != PK_USER && pk != PK_ROLE && pk != PK_ROOT) return GRANT_NONE;
    if (!strEqual(v, accountOf())) return GRANT_NONE;
    return pk == PK_ROOT ? GRANT_DIRECT : GRANT_ACCOUNT;
  }
  if (kind == PEK_ARN) {
    if (pk == PK_USER) return strEqual(v, load<u32>(principal + PR_ARN)) ? GRANT_DIRECT : GRANT_NONE;
    if (pk == PK_ROLE) {
      if (strEqual(v, load<u32>(req + RQ_PARN))) return GRANT_DIRECT;
      return strEqual(v, load<u32>(principal + PR_ARN)) ? GRANT_ROLE : GRANT_NONE;
    }
    return GRANT_NONE;
  }
  if (kind == PEK_SERVICE) return pk == PK_SERVICE && strEqual(v, load<u32>(req + RQ_PARN)) ? GRANT_DIRECT : GRANT_NONE;
  if (kind == PEK_FEDERATED) return pk == PK_FEDERATED && strEqual(v, load<u32>(req + RQ_PARN)) ? GRANT_DIRECT : GRANT_NONE;
  return GRANT_NONE;
}

/** Strongest grant among the entries of a Principal element. */
export function principalGrant(list: u32): u32 {
  let best = GRANT_NONE;
  const count = listLen(list);
  for (let i: u32 = 0; i < count; i++) {
    const g = entryGrant(listAt(list, i));
    if (g > best) best = g;
  }
  return best;
}

/**
 * Whether a NotPrincipal list excludes the request principal: every identity it acts as must be listed
 * (a user: its ARN and its account; a role session: the session ARN, the role ARN and the account;
 * the root: its account; a service or federated principal: itself).
 */
export function notPrincipalExcludes(list: u32): bool {
  const pk = load<u32>(req + RQ_PKIND);
  let acct = false, arn = false, role = false, direct = false;
  const count = listLen(list);
  for (let i: u32 = 0; i < count; i++) {
    const e = listAt(list, i);
    const g = entryGrant(e);
    if (g == GRANT_NONE) continue;
    if (load<u32>(e + PE_KIND) == PEK_ANY) return true;
    if (g == GRANT_ACCOUNT) acct = true;
    else if (g == GRANT_ROLE) role = true;
    else { direct = true; if (load<u32>(e + PE_KIND) == PEK_ACCOUNT) acct = true; else arn = true; }
  }
  if (pk == PK_USER) return acct && arn;
  if (pk == PK_ROLE) return acct && arn && role;
  return direct;
}

/** Whether the request principal has a permissions boundary. */
export function principalHasBoundary(): bool {
  return principal != 0 && load<u32>(principal + PR_BOUNDARY) != NONE;
}

export { strData, strLen };
