// Public facade of the core: engine creation, policy parsing and validation, and the model types.

export { createEngine, Engine } from './engine/engine.ts';
export type { EngineOptions } from './engine/engine.ts';
export type { AuthzEngine, EngineStats } from './engine/api.ts';
export { WorldError } from './compile/world.ts';
export { parsePolicy } from './parse/index.ts';
export * from './model/snapshot.ts';
export type * from './model/policy.ts';
export type * from './model/decision.ts';
export type * from './model/change.ts';
export type * from './model/source.ts';
export { validatePolicy, hasErrors, DEFAULT_POLICY_QUOTAS } from './validate/index.ts';
export { WorldFollower, DEFAULT_POLL_INTERVAL_MS, RETRY_MIN_MS, RETRY_MAX_MS } from './engine/follower.ts';
export type { FollowerOptions, FollowerEvents, FollowerStatus, SyncKind, TargetInfo, WorldTarget } from './engine/follower.ts';
export { EngineTarget } from './engine/engine-target.ts';
export { validateSnapshotShape, validateChangeShape, type JsonSchema, worldSnapshotSchema, worldChangeSchema, WORLD_SNAPSHOT_SCHEMA_PATH, WORLD_CHANGE_SCHEMA_PATH, MAX_SHAPE_ERRORS } from './model/schema.ts';
