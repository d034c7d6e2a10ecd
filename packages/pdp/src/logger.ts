// The PDP's operational log: the shared JSON-lines logger (@iam/runtime) tagged `pdp` (decisions go to the decision log).

import { createLogger as createComponentLogger, silentLogger, type Logger, type LogLevel } from '@iam/runtime';

/** A logger writing JSON lines at `level` and above to `write` (default: stderr). */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  return createComponentLogger('pdp', level, write);
}

export { silentLogger, type Logger };
