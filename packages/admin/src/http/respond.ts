// Error answers: the envelope with the status from the code table.

import type { Response } from 'express';
import type { AdminError } from '../errors.ts';

/** Sends `err` as `{ code, message, details? }` with its table status. */
export function sendError(res: Response, err: AdminError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(err.status).json(err.toEnvelope());
}
