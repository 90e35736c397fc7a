import type { AuditRecord, ChainHead, SealedRecord } from './audit-record.ts';
import { entryHash, genesisHash } from './canonical-entry.ts';

/** Links `records`, in the given order, onto the chain after `head` (null: an empty chain). */
export function sealRecords(head: ChainHead | null, records: readonly AuditRecord[], sealedAt: string): SealedRecord[] {
  const sealed: SealedRecord[] = [];
  let prevHash = head?.hash ?? genesisHash;
  let chainPos = head?.chainPos ?? 0;
  for (const record of records) {
    chainPos += 1;
    const hash = entryHash(prevHash, { ...record, chainPos, sealedAt });
    sealed.push({ ...record, chainPos, prevHash, hash, sealedAt });
    prevHash = hash;
  }
  return sealed;
}
