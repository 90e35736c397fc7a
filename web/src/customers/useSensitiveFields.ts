import { useEffect, useState } from 'react';
import { fetchNotice } from '../api/catalog.ts';

/** The catalog's names for the customer fields the console shows. */
export const customerCatalogFields = {
  name: 'customer_name',
  email: 'email',
  phone: 'phone',
  zip: 'zip',
  ssnLast4: 'ssn_last4',
} as const;

/** Until the catalog answers (or if it cannot), the fields known to be sensitive today. */
const fallback = new Set<string>(['ssn_last4']);
let cached: Promise<Set<string>> | null = null;

function load(): Promise<Set<string>> {
  cached ??= fetchNotice('880.000').then(
    (notice) => {
      const sensitive = new Set<string>(fallback);
      for (const type of notice.recordTypes)
        for (const [field, cls] of Object.entries(type.fields)) if (cls === 'sensitive') sensitive.add(field);
      return sensitive;
    },
    () => {
      cached = null;
      return fallback;
    },
  );
  return cached;
}

/** Catalog field names classed 'sensitive' in the customer notice (880.000): shown masked by default. */
export function useSensitiveFields(): ReadonlySet<string> {
  const [fields, setFields] = useState<ReadonlySet<string>>(fallback);
  useEffect(() => {
    let live = true;
    void load().then((f) => live && setFields(f));
    return () => {
      live = false;
    };
  }, []);
  return fields;
}
