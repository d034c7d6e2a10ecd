// Public surface of @iam/runtime: the operational logger and the config field readers.

export { createLogger, silentLogger, type Logger, type LogLevel } from './logger.ts';
export { ConfigError, bool, int, obj, oneOf, pattern, ratio, str, strList, type Raw } from './config-fields.ts';
