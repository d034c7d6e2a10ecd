// What the PDP makes of the core follower's events: the world and reload metrics, and the log lines operators read.

import type { FollowerEvents } from '../core.ts';
import type { Logger } from '../logger.ts';
import type { PdpMetrics } from '../metrics.ts';

/** Follower events recorded as PDP metrics and logged. */
export function followerEvents(metrics: PdpMetrics, logger: Logger): FollowerEvents {
  return {
    synced(kind, info, seconds, changes) {
      metrics.reloadDuration.observe({ kind }, seconds);
      metrics.reloads.inc({ kind });
      if (changes > 0) metrics.changesApplied.inc(changes);
      metrics.worldRevision.set(info.revision);
      metrics.imageSize.set(info.imageBytes);
      if (kind === 'snapshot') logger.info('world loaded', { revision: info.revision, imageBytes: info.imageBytes });
    },
    syncFailed(kind) {
      metrics.reloadFailures.inc({ kind });
    },
    refused(batch, error) {
      logger.error('engine refused a change batch; reloading a snapshot', { revision: batch.revision, error });
    },
    storeRevision(revision) {
      metrics.storeRevision.set(revision);
    },
    stale(error, revision) {
      logger.warn('cannot bring the world up to date; serving the last good world', { revision, error });
    },
    recovered(revision) {
      logger.info('world current again', { revision });
    },
  };
}
