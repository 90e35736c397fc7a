import type { Kysely } from 'kysely';
import { withPrincipal, type Tables } from '../../db/index.ts';
import { countUnsealed } from './audit-log-repository.ts';
import { sealerPrincipal } from './seal-pending.ts';

/**
 * Entries written but not yet sealed: near zero while the sealer keeps up, so a growing
 * number (a metrics gauge) means the sealer has stopped. Reads the partial index only.
 */
export function auditBacklog(db: Kysely<Tables>): Promise<number> {
  return withPrincipal(db, sealerPrincipal, (trx) => countUnsealed(trx), 'caseline_sealer');
}
