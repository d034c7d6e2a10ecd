// Public entry of @iam/admin: the app factory, the server, the config and the pieces other packages reuse.

export { createAdminApp, type AdminDeps } from './app.ts';
export { startAdmin, type StartAdminOptions, type RunningAdmin } from './server.ts';
export { loadConfig, ConfigError, type AdminConfig } from './config.ts';
export { bootstrap, type BootstrapResult } from './bootstrap.ts';
export { createMemberAccount, type MemberAccountInput } from './member-account.ts';
export { followStore, type EngineFollower, type EngineFactory, type FollowOptions } from './engine/follower.ts';
export { ERROR_STATUS, AdminError, type ErrorCode, type ErrorEnvelope } from './errors.ts';
export { authorizationHeader, AUTH_SCHEME } from './auth/credentials.ts';
export { REVISION_HEADER } from './http/route.ts';
export { createMetrics, type AdminMetrics } from './metrics.ts';
