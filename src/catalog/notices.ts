import { patTm20 } from './notices/commerce-pat-tm-20.ts';
import { usps820 } from './notices/usps-820-200.ts';
import { usps880 } from './notices/usps-880-000.ts';
import { usps890 } from './notices/usps-890-000.ts';
import type { Notice } from './types.ts';

export const notices: readonly Notice[] = [usps880, usps820, usps890, patTm20];

function normalise(ref: string): string {
  return ref.trim().replace(/\s+/g, ' ').toUpperCase();
}

// People cite a notice by its number, its designation or the slug in record type ids.
const byReference = new Map<string, Notice>(
  notices.flatMap((notice) => [notice.id, notice.designation, notice.slug].map((ref) => [normalise(ref), notice] as const)),
);

/** Finds a notice by '880.000', 'USPS 880.000', 'usps-880', 'PAT-TM-20', 'COMMERCE/PAT-TM-20', … */
export function findNotice(ref: string): Notice | undefined {
  return byReference.get(normalise(ref));
}

export function getNotice(ref: string): Notice {
  const notice = findNotice(ref);
  if (notice === undefined) {
    throw new RangeError(`Unknown system of records notice "${ref}"; known: ${notices.map((n) => n.designation).join(', ')}`);
  }
  return notice;
}
