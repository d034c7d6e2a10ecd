// The admin plane's operational log: the shared JSON-lines logger (@iam/runtime) tagged `admin`.

import { createLogger as createComponentLogger, silentLogger, type Logger, type LogLevel } from '@iam/runtime';

/** A logger writing JSON lines at `level` and above to `write` (default: stderr). */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  return createComponentLogger('admin', level, write);
}

export { silentLogger, type Logger };
