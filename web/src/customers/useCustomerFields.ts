import { useEffect, useState } from 'react';
import { fetchCustomerFields, type CustomerField, type CustomerKind, type FieldDescription } from '../api/customers.ts';

/** The customer registry's fields as the server describes them (GET /api/customers/fields), with ways in. */
export interface CustomerFields {
  /** In the server's order, which is the order a record lists them. */
  readonly list: readonly FieldDescription[];
  readonly get: (field: CustomerField) => FieldDescription | undefined;
  /** The field's name as people read it; the field itself when the server does not know it. */
  readonly nameOf: (field: CustomerField) => string;
  readonly fieldsFor: (kind: CustomerKind) => FieldDescription[];
  /** Fields the catalog classes sensitive: shown masked and tagged so. */
  readonly sensitive: ReadonlySet<CustomerField>;
}

function catalogOf(list: readonly FieldDescription[]): CustomerFields {
  const byField = new Map(list.map((f) => [f.field, f]));
  return {
    list,
    get: (field) => byField.get(field),
    nameOf: (field) => byField.get(field)?.name ?? field,
    fieldsFor: (kind) => list.filter((f) => f.appliesTo.includes(kind)),
    sensitive: new Set(list.filter((f) => f.fieldClass === 'sensitive').map((f) => f.field)),
  };
}

// Loaded once per session (page load): the list changes only with a new server release.
let cached: Promise<CustomerFields> | null = null;

function load(): Promise<CustomerFields> {
  cached ??= fetchCustomerFields().then(catalogOf, (error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export interface LoadedFields {
  readonly fields: CustomerFields | undefined;
  readonly error: unknown;
  readonly reload: () => void;
}

/** The customer fields, fetched on first use and shared by every page after that. */
export function useCustomerFields(): LoadedFields {
  const [fields, setFields] = useState<CustomerFields | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    load().then(
      (f) => live && setFields(f),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [round]);
  return { fields, error, reload: () => setRound((r) => r + 1) };
}
