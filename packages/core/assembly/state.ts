// Per-request evaluator state (globals: one request at a time) and the explanation writer.

import { EX_SIZE, HOST_HEAP_START, ROOT_EXPLAIN, ROOT_EXPLAIN_CAP, RQ_FLAGS, RF_EXPLAIN, EXK_ERROR, RESULT_TRUNCATED, RESULT_ERRORS } from './layout';

/** The request record being evaluated. */
export let req: u32 = 0;
/** Its index in the batch (explain records carry it). */
export let reqIndex: u32 = 0;
/** Whether reasons and missing keys are recorded. */
export let explain: bool = false;
/** Principal block of a user or role principal, else 0. */
export let principal: u32 = 0;
/** Resource block that applies (exact ARN or nearest parent), else 0. */
export let resource: u32 = 0;
/** Resource account as a (ptr, len) byte range; len 0 = unknown. */
export let resAcctPtr: u32 = 0;
export let resAcctLen: u32 = 0;
/** Org node index of the resource account, or NONE. */
export let resNode: u32 = 0;
/** Org node index of the principal's account, or NONE. */
export let principalNode: u32 = 0;
/** Service id of the request action. */
export let serviceId: u32 = 0;
/** Result flags accumulated for the current request. */
export let resultFlags: u32 = 0;
/** Error code of the statement being evaluated (0 = none). */
export let stmtError: u32 = 0;

let exCount: u32 = 0;

/** Start a batch: clear the explanation area. */
export function beginBatch(): void {
  exCount = 0;
}

/** Number of explanation records written in this batch. */
export function explainCount(): u32 {
  return exCount;
}

/** Start a request. */
export function beginRequest(r: u32, index: u32): void {
  req = r;
  reqIndex = index;
  explain = (load<u32>(r + RQ_FLAGS) & RF_EXPLAIN) != 0;
  principal = 0;
  resource = 0;
  resAcctPtr = 0;
  resAcctLen = 0;
  resultFlags = 0;
  stmtError = 0;
}

export function setPrincipal(p: u32): void { principal = p; }
export function setResource(r: u32): void { resource = r; }
export function setResourceAccount(p: u32, n: u32): void { resAcctPtr = p; resAcctLen = n; }
export function setNodes(pNode: u32, rNode: u32): void { principalNode = pNode; resNode = rNode; }
/** The action's service as a bit of a policy's service mask (0 for a service no statement names). */
export let serviceBit: u64 = 0;
export function setService(id: u32): void {
  serviceId = id;
  // an unknown service can only match "any service" statements, whose policies have every bit set
  serviceBit = id == 0xffffffff ? <u64>1 : (<u64>1) << <u64>(id % 64);
}
export function setStmtError(code: u32): void { if (stmtError == 0) stmtError = code; }
export function clearStmtError(): void { stmtError = 0; }

/** Append one explanation record (request index, kind, a, b); sets the truncated flag when full. */
export function record(kind: u32, a: u32, b: u32): void {
  if (kind == EXK_ERROR) resultFlags |= RESULT_ERRORS;
  const base = load<u32>(HOST_HEAP_START + ROOT_EXPLAIN);
  if (exCount >= load<u32>(HOST_HEAP_START + ROOT_EXPLAIN_CAP)) {
    resultFlags |= RESULT_TRUNCATED;
    return;
  }
  const p = base + exCount * EX_SIZE;
  store<u32>(p, reqIndex);
  store<u32>(p + 4, kind);
  store<u32>(p + 8, a);
  store<u32>(p + 12, b);
  exCount++;
}
