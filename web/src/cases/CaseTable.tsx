import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import type { CaseSummary } from '../api/cases.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { channelLabels, priorityLabels, statusLabels, statusTagClass } from './caseText.ts';

export function StatusTag({ status }: { readonly status: CaseSummary['status'] }) {
  return <span className={`usa-tag caseline-tag ${statusTagClass[status]}`}>{statusLabels[status]}</span>;
}

export function PriorityText({ priority }: { readonly priority: CaseSummary['priority'] }) {
  return priority === 'high' || priority === 'urgent' ? (
    <strong className="text-secondary-dark">{priorityLabels[priority]}</strong>
  ) : (
    <>{priorityLabels[priority]}</>
  );
}

interface Props {
  readonly cases: readonly CaseSummary[];
  readonly caption: string;
  /** A cell of actions for each case (the queue's Take). */
  readonly action?: (c: CaseSummary) => ReactNode;
  readonly testId?: string;
}

/** Cases as a table, newest first as the server lists them: number (the link), title, status, priority, channel, dates. */
export function CaseTable({ cases, caption, action, testId }: Props) {
  return (
    <div data-testid={testId}>
      <Table caption={caption} fullWidth stackedStyle="headers">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Channel</th>
            <th scope="col">Opened</th>
            <th scope="col">Last change</th>
            {action && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row" data-label="Case" className="text-no-wrap">
                <Link to={`/cases/${c.id}`} className="usa-link">
                  {c.number}
                </Link>
              </th>
              <td data-label="Title" className="caseline-break">
                {c.title}
              </td>
              <td data-label="Status">
                <StatusTag status={c.status} />
              </td>
              <td data-label="Priority">
                <PriorityText priority={c.priority} />
              </td>
              <td data-label="Channel">{channelLabels[c.channel]}</td>
              <td data-label="Opened">{formatDateTime(c.createdAt)}</td>
              <td data-label="Last change">{formatDateTime(c.updatedAt)}</td>
              {action && <td data-label="Action">{action(c)}</td>}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
