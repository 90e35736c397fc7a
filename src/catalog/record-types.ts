import { notices } from './notices.ts';
import type { RecordType } from './types.ts';

export const recordTypes: ReadonlyMap<string, RecordType> = new Map(
  notices.flatMap((notice) => notice.recordTypes).map((recordType) => [recordType.id, recordType]),
);

export function getRecordType(id: string): RecordType {
  const recordType = recordTypes.get(id);
  if (recordType === undefined) throw new RangeError(`Unknown record type "${id}"`);
  return recordType;
}
