// The decision for one request: gather the applicable layers, find explicit denies, then apply the
// SCP/RCP ceilings and the same-account / cross-account rules of IAM policy evaluation.

import { ROOT_POLICY_MASKS, POLICY_FLAGS, PLF_ALLOWS_ALL, POLICY_MASK, SX_COUNT, SX_ENTRIES, SX_ENTRY_SIZE, SX_OTHER, POLICY_STATEMENTS, DEC_ALLOW, DEC_EXPLICIT_DENY, DEC_IMPLICIT_DENY, GR_POLICIES, HOST_HEAP_START, LAYER_BOUNDARY, LAYER_IDENTITY, LAYER_NONE, LAYER_RCP, LAYER_RESOURCE, LAYER_SCP, LAYER_SESSION, LAYER_TRUST, NODE_IN_ORG, NODE_PARENT, NODE_RCPS, NODE_SCPS, NONE, PF_SERVICE_LINKED, PK_FEDERATED, PK_ROLE, PK_ROOT, PK_SERVICE, PK_UNKNOWN, PK_USER, PR_ACCOUNT, PR_BOUNDARY, PR_FLAGS, PR_GROUPS, PR_POLICIES, PR_STATEMENTS, RES_LAYER, RES_POLICY, ROOT_FLAGS_RCP, ROOT_FLAGS_SCP, ROOT_FLAGS, ROOT_GROUPS, ROOT_MGMT_NODE, ROOT_NODES, ROOT_POLICIES, RQ_PKIND, RQ_SESSION, RQ_PACCOUNT } from './layout';
import { GRANT_ACCOUNT, GRANT_DIRECT, GRANT_NONE, GRANT_ROLE } from './match';
import { listAt, listLen } from './mem';
import { evalStatement, errored, isDeny, matchedGrant } from './statement';
import { explain, principal, principalNode, req, resNode, resource, serviceBit, serviceId } from './state';

/** Whether the request action is sts:AssumeRole* (only then is a role's trust policy its resource policy). */
let assumeRole: bool = false;
export function setAssumeRole(v: bool): void { assumeRole = v; }

// Results of the layer walks for the current request.
let denied: bool = false;
let denyLayer: u32 = LAYER_NONE;
let denyErrored: bool = false;
let layerAllowed: bool = false;
let bestGrant: u32 = 0;

const DENY_ORDER_RANK: StaticArray<u32> = [0, 1, 2, 3, 4, 5, 6];

/** Note a matched Deny in `layer` (the reported layer is the first in scp, rcp, resource, trust, identity, boundary, session order). */
function noteDeny(layer: u32): void {
  if (!denied || unchecked(DENY_ORDER_RANK[layer]) < unchecked(DENY_ORDER_RANK[denyLayer])) denyLayer = layer;
  denied = true;
}

/** Evaluate every statement of a policy block; sets `layerAllowed`, `bestGrant`, deny state. */
function evalPolicy(block: u32, layer: u32, isResourcePolicy: bool): void {
  if (block == 0 || (load<u64>(block + POLICY_MASK) & serviceBit) == 0) return;
  if (!explain && (load<u32>(block + POLICY_FLAGS) & PLF_ALLOWS_ALL) != 0) {
    // nothing to deny, nothing that can fail, and an Allow for every request: no reason to record, no walk
    layerAllowed = true;
    if (GRANT_DIRECT > bestGrant) bestGrant = GRANT_DIRECT;
    return;
  }
  evalStatements(block + POLICY_STATEMENTS, layer, isResourcePolicy, true);
}

/** Evaluate a list of statements (stops at the first matched Deny unless explaining). */
function evalStatements(list: u32, layer: u32, isResourcePolicy: bool, checkService: bool): void {
  const n = listLen(list);
  for (let i: u32 = 0; i < n; i++) {
    const st = listAt(list, i);
    if (evalStatement(st, layer, isResourcePolicy, checkService)) {
      if (isDeny(st)) {
        noteDeny(layer);
        if (!explain) return;
      } else {
        layerAllowed = true;
        if (matchedGrant > bestGrant) bestGrant = matchedGrant;
      }
    } else if (errored && isDeny(st)) {
      denyErrored = true;
    }
  }
}

/** Policy block of a policy index (0 when absent). */
@inline function policyBlock(index: u32): u32 {
  if (index == NONE) return 0;
  return listAt(load<u32>(HOST_HEAP_START + ROOT_POLICIES), index);
}

/**
 * Evaluate a list of policy indexes as one layer. The service masks sit in one dense table beside the
 * policy table, so a policy that cannot match the action's service is skipped without touching its block.
 */
function evalPolicyList(list: u32, layer: u32): void {
  const n = listLen(list);
  const masks = load<u32>(HOST_HEAP_START + ROOT_POLICY_MASKS);
  for (let i: u32 = 0; i < n; i++) {
    const index = listAt(list, i);
    if ((load<u64>(masks + (index << 3)) & serviceBit) == 0) continue;
    evalPolicy(policyBlock(index), layer, false);
    if (denied && !explain) return;
  }
}

const PATH: u32 = <u32>memory.data(4 * 16);
const MAX_DEPTH: u32 = 16;

/**
 * Walk an org policy layer (SCPs or RCPs) from the root down to the account: every level needs an Allow.
 * Returns true when every level allowed.
 */
function evalOrgLayer(accountNode: u32, field: u32, layer: u32): bool {
  const nodes = load<u32>(HOST_HEAP_START + ROOT_NODES);
  let depth: u32 = 0;
  let node = accountNode;
  while (node != NONE && depth < MAX_DEPTH) {
    store<u32>(PATH + depth * 4, node);
    depth++;
    node = load<u32>(listAt(nodes, node) + NODE_PARENT);
  }
  let allLevels = true;
  for (let d = depth; d > 0; d--) {
    const nb = listAt(nodes, load<u32>(PATH + (d - 1) * 4));
    layerAllowed = false;
    evalPolicyList(load<u32>(nb + field), layer);
    if (denied && !explain) return false;
    if (!layerAllowed) allLevels = false;
  }
  return allLevels;
}

/** Whether an org node is a member account under the organization (not the management account). */
function isMember(node: u32): bool {
  if (node == NONE) return false;
  if (node == load<u32>(HOST_HEAP_START + ROOT_MGMT_NODE)) return false;
  const nb = listAt(load<u32>(HOST_HEAP_START + ROOT_NODES), node);
  return nb != 0 && load<u32>(nb + NODE_IN_ORG) != 0;
}

/** The statements of a statement index (SX_*) that can match the request's service. */
function indexedStatements(index: u32): u32 {
  let lo: u32 = 0;
  let hi = load<u32>(index + SX_COUNT);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = index + SX_ENTRIES + mid * SX_ENTRY_SIZE;
    const id = load<u32>(entry);
    if (id == serviceId) return load<u32>(entry + 4);
    if (id < serviceId) lo = mid + 1;
    else hi = mid;
  }
  return load<u32>(index + SX_OTHER);
}

/** The identity layer: the principal's own policies and its groups' policies. */
function evalIdentity(): bool {
  layerAllowed = false;
  const index = load<u32>(principal + PR_STATEMENTS);
  if (index != 0) {
    evalStatements(indexedStatements(index), LAYER_IDENTITY, false, false);
    return layerAllowed;
  }
  evalPolicyList(load<u32>(principal + PR_POLICIES), LAYER_IDENTITY);
  if (denied && !explain) return false;
  const groups = load<u32>(principal + PR_GROUPS);
  const n = listLen(groups);
  const table = load<u32>(HOST_HEAP_START + ROOT_GROUPS);
  for (let i: u32 = 0; i < n; i++) {
    const g = listAt(table, listAt(groups, i));
    if (g != 0) evalPolicyList(load<u32>(g + GR_POLICIES), LAYER_IDENTITY);
    if (denied && !explain) return false;
  }
  return layerAllowed;
}

/** The identity-side layer that lacked an Allow. */
function identityDenyLayer(identityOk: bool, hasBoundary: bool, boundaryOk: bool): u32 {
  if (!identityOk) return LAYER_IDENTITY;
  if (hasBoundary && !boundaryOk) return LAYER_BOUNDARY;
  return LAYER_SESSION;
}

/** Encode a result. */
@inline function result(decision: u32, layer: u32): u32 {
  return decision | (layer << 8);
}

/** Decide the current request (state set up by the caller). */
export function decide(crossAccount: bool): u32 {
  denied = false;
  denyLayer = LAYER_NONE;
  denyErrored = false;
  bestGrant = GRANT_NONE;
  const pk = load<u32>(req + RQ_PKIND);
  if (pk == PK_UNKNOWN) return result(DEC_IMPLICIT_DENY, LAYER_IDENTITY);
  const flags = load<u32>(HOST_HEAP_START + ROOT_FLAGS);
  const slr = principal != 0 && (load<u32>(principal + PR_FLAGS) & PF_SERVICE_LINKED) != 0;
  const isAwsPrincipal = pk == PK_USER || pk == PK_ROLE || pk == PK_ROOT;

  // SCPs: member accounts only, never service-linked roles
  let scpOk = true;
  if ((flags & ROOT_FLAGS_SCP) != 0 && isAwsPrincipal && !slr && isMember(principalNode)) {
    scpOk = evalOrgLayer(principalNode, NODE_SCPS, LAYER_SCP);
    if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
  }
  // RCPs: resources in member accounts; not for service-linked roles or service principals
  let rcpOk = true;
  if ((flags & ROOT_FLAGS_RCP) != 0 && !slr && pk != PK_SERVICE && isMember(resNode)) {
    rcpOk = evalOrgLayer(resNode, NODE_RCPS, LAYER_RCP);
    if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
  }
  // resource-based policy (or trust policy)
  let resGrant = GRANT_NONE;
  let resLayer = LAYER_RESOURCE;
  if (resource != 0 && load<u32>(resource + RES_POLICY) != NONE && (assumeRole || load<u32>(resource + RES_LAYER) != LAYER_TRUST)) {
    resLayer = load<u32>(resource + RES_LAYER);
    layerAllowed = false;
    bestGrant = GRANT_NONE;
    evalPolicy(policyBlock(load<u32>(resource + RES_POLICY)), resLayer, true);
    if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
    resGrant = layerAllowed ? bestGrant : GRANT_NONE;
  }
  // identity, boundary, session
  let identityOk = false;
  let hasBoundary = false;
  let boundaryOk = true;
  if (pk == PK_ROOT) identityOk = true;
  else if (principal != 0 && (pk == PK_USER || pk == PK_ROLE)) {
    identityOk = evalIdentity();
    if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
    const boundary = load<u32>(principal + PR_BOUNDARY);
    if (boundary != NONE) {
      hasBoundary = true;
      layerAllowed = false;
      evalPolicy(policyBlock(boundary), LAYER_BOUNDARY, false);
      if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
      boundaryOk = layerAllowed;
    }
  }
  const session = load<u32>(req + RQ_SESSION);
  const hasSession = session != 0;
  let sessionOk = true;
  if (hasSession) {
    layerAllowed = false;
    const n = listLen(session);
    for (let i: u32 = 0; i < n; i++) {
      evalPolicy(listAt(session, i), LAYER_SESSION, false);
      if (denied && !explain) return result(DEC_EXPLICIT_DENY, denyLayer);
    }
    sessionOk = layerAllowed;
  }

  if (denied) return result(DEC_EXPLICIT_DENY, denyLayer);
  if (denyErrored) return result(DEC_IMPLICIT_DENY, LAYER_NONE);
  if (!scpOk) return result(DEC_IMPLICIT_DENY, LAYER_SCP);
  if (!rcpOk) return result(DEC_IMPLICIT_DENY, LAYER_RCP);

  if (pk == PK_SERVICE || pk == PK_FEDERATED) {
    return resGrant != GRANT_NONE ? result(DEC_ALLOW, LAYER_NONE) : result(DEC_IMPLICIT_DENY, resLayer);
  }
  const ceilingsOk = (!hasBoundary || boundaryOk) && (!hasSession || sessionOk);
  const identitySide = pk == PK_ROOT || (identityOk && ceilingsOk);
  if (resLayer == LAYER_TRUST) {
    // a trust policy is never optional: it must name the caller (same account too); naming the
    // account only delegates to the caller's identity policies
    if (resGrant == GRANT_NONE) {
      if (crossAccount && !identitySide) return result(DEC_IMPLICIT_DENY, identityDenyLayer(identityOk, hasBoundary, boundaryOk));
      return result(DEC_IMPLICIT_DENY, LAYER_TRUST);
    }
    if (resGrant == GRANT_ACCOUNT || crossAccount) {
      return identitySide ? result(DEC_ALLOW, LAYER_NONE) : result(DEC_IMPLICIT_DENY, identityDenyLayer(identityOk, hasBoundary, boundaryOk));
    }
    return result(DEC_ALLOW, LAYER_NONE);
  }
  if (!crossAccount) {
    if (resGrant == GRANT_DIRECT) return result(DEC_ALLOW, LAYER_NONE);
    if (resGrant == GRANT_ROLE && ceilingsOk) return result(DEC_ALLOW, LAYER_NONE);
    if (identitySide) return result(DEC_ALLOW, LAYER_NONE);
    const granted = identityOk || resGrant == GRANT_ROLE;
    if (granted && hasBoundary && !boundaryOk) return result(DEC_IMPLICIT_DENY, LAYER_BOUNDARY);
    if (granted && hasSession && !sessionOk) return result(DEC_IMPLICIT_DENY, LAYER_SESSION);
    return result(DEC_IMPLICIT_DENY, LAYER_IDENTITY);
  }
  if (!identitySide) return result(DEC_IMPLICIT_DENY, identityDenyLayer(identityOk, hasBoundary, boundaryOk));
  if (resGrant == GRANT_NONE) return result(DEC_IMPLICIT_DENY, resLayer == LAYER_TRUST ? LAYER_TRUST : LAYER_RESOURCE);
  return result(DEC_ALLOW, LAYER_NONE);
}

export { PR_ACCOUNT, RQ_PACCOUNT };
