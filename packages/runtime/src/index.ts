// Public surface of @iam/runtime: the operational logger and the config field readers.

export { createLogger, LOG_LEVELS, silentLogger, type Logger, type LogLevel } from './logger.ts';
export { ConfigError, bool, int, obj, oneOf, pattern, ratio, readConfigFile, str, strList, type Raw } from './config-fields.ts';
