// Public entry of @iam/pdp: start a PDP, its configuration, the in-memory world source and a small client.

export { startPdp, type StartPdpOptions, type RunningPdp } from './server.ts';
export { loadConfig, parseConfig, defaultConfig, ConfigError, DEFAULT_LIMITS, CONFIG_DEFAULTS, ENV, type PdpConfig, type Limits, type DecisionLogConfig } from './config.ts';
export { StaticSource, SourceUnavailableError, type StaticSourceOptions } from './source/static-source.ts';
export { createPdpClient, type PdpClient } from './client.ts';
export { createLogger, silentLogger, type Logger } from './logger.ts';
export type { HealthReport } from './http.ts';
export type { DecisionEvent } from './decision-log.ts';
export { toWireRequest, fromWireResponse } from './wire.ts';
