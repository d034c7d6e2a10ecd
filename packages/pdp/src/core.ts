// The one place this package reaches into the core's types (by relative path until packages/core/src/index.ts exports them).

export type { AuthzRequest, ContextValue, DecisionResult, Decision, Layer, PrincipalInput, Reason, RoleSession, EvaluationError, TimeInput } from '../../core/src/model/decision.ts';
export type { AuthzEngine, EngineStats } from '../../core/src/engine/api.ts';
export type { WorldChange } from '../../core/src/model/change.ts';
export type { ChangeBatch, WorldSource } from '../../core/src/model/source.ts';
export type { WorldSnapshot } from '../../core/src/model/snapshot.ts';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../core/src/model/snapshot.ts';
