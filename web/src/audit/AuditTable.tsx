import { Table } from '@trussworks/react-uswds';
import type { AuditEntry } from '../api/audit.ts';
import { roleLabel } from '../api/roles.ts';
import { formatDateTime } from '../util/formatDateTime.ts';

function detailText(detail: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(detail);
  if (entries.length === 0) return '';
  return entries
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** Audit entries, newest first. Subjects are ids, never values. */
export function AuditTable({ entries }: { readonly entries: readonly AuditEntry[] }) {
  return (
    <Table caption="Audit log entries, newest first" fullWidth striped stackedStyle="headers" className="caseline-audit-table">
      <thead>
        <tr>
          <th scope="col">Entry</th>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">Actor</th>
          <th scope="col">Record</th>
          <th scope="col">Data subjects</th>
          <th scope="col">Purpose</th>
          <th scope="col">Chain position</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const detail = detailText(entry.detail);
          return (
            <tr key={entry.id}>
              <th scope="row" data-label="Entry">
                {entry.id}
              </th>
              <td data-label="Time">{formatDateTime(entry.at, true)}</td>
              <td data-label="Action">
                {entry.action.replace(/_/g, ' ')}
                <div className="font-body-3xs">Outcome: {entry.outcome}</div>
                {detail && <div className="font-body-3xs text-base-dark caseline-break">{detail}</div>}
              </td>
              <td data-label="Actor">
                <span className="caseline-uuid">{entry.actorId}</span>
                <div className="font-body-3xs text-base-dark">
                  {entry.actorKind}
                  {entry.actorRole ? `, ${roleLabel(entry.actorRole)}` : ''}
                </div>
              </td>
              <td data-label="Record">
                {entry.recordType ?? '—'}
                {entry.recordId && <div className="caseline-uuid">{entry.recordId}</div>}
              </td>
              <td data-label="Data subjects">
                {entry.subjects.length === 0
                  ? 'None'
                  : entry.subjects.map((s) => (
                      <div key={s} className="caseline-uuid">
                        {s}
                      </div>
                    ))}
              </td>
              <td data-label="Purpose">{entry.purpose}</td>
              <td data-label="Chain position">{entry.chainPos ?? 'Not yet sealed'}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
