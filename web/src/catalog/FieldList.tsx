import { Tag } from '@trussworks/react-uswds';
import type { FieldClass } from '../api/catalog.ts';

/**
 * A record type's fields with their class, folded into a disclosure; the sensitive ones
 * are named in its summary (they are masked wherever Caseline shows them).
 */
export function FieldList({ fields }: { readonly fields: Readonly<Record<string, FieldClass>> }) {
  const entries = Object.entries(fields);
  const sensitive = entries.filter(([, cls]) => cls === 'sensitive').map(([field]) => field);
  return (
    <>
      {sensitive.length > 0 && (
        <p className="margin-top-0 margin-bottom-1">
          <Tag className="bg-secondary-dark caseline-tag">Sensitive</Tag>{' '}
          {sensitive.map((field, i) => (
            <span key={field}>
              {i > 0 && ', '}
              <code>{field}</code>
            </span>
          ))}
        </p>
      )}
      <details className="caseline-details">
        <summary>
          {entries.length} field{entries.length === 1 ? '' : 's'}
        </summary>
        <ul className="usa-list usa-list--unstyled caseline-field-list">
          {entries.map(([field, cls]) => (
            <li key={field}>
              <code>{field}</code> <span className="text-base-dark">({cls})</span>
              {cls === 'sensitive' && <Tag className="bg-secondary-dark caseline-tag margin-left-05">Sensitive</Tag>}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
