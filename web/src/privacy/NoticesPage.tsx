import { useRef, useState } from 'react';
import { Alert, Button, Table, Tag, type ModalRef } from '@trussworks/react-uswds';
import {
  fetchPia,
  listNoticeStatus,
  piaPdfUrl,
  publishNotice,
  type NoticeChange,
  type NoticeStatus,
  type Pia,
  type PiaBlock,
  type Publication,
} from '../api/notices.ts';
import { problemMessage } from '../api/problem.ts';
import type { StaffRole } from '../api/roles.ts';
import { useSession } from '../auth/useSession.ts';
import { NoticeBlock } from '../catalog/NoticeBlock.tsx';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { hasAnyRole } from '../frame/navItems.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

/** notices.publish in src/access/matrix.ts; auditors read the same page without the button. */
const publishers: readonly StaffRole[] = ['privacy_officer'];

const topicLabels: Record<string, string> = {
  purposes: 'Purpose',
  categories_of_individuals: 'Category of individuals',
  categories_of_records: 'Category of records',
  routine_uses: 'Routine uses',
  standard_routine_uses: 'Standard routine use',
  retrieval_keys: 'Retrieval key',
  record_types: 'Record type',
  retention: 'Retention',
  section: 'Section',
};

const slug = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function ReviewAlert({ notice }: { readonly notice: NoticeStatus }) {
  const { review } = notice;
  const latest = notice.publications[0];
  const commentPeriod = review.routineUseCommentDays !== null && (
    <p className="usa-alert__text" data-testid="comment-period">
      <Tag className="bg-secondary-dark caseline-tag">{review.routineUseCommentDays}-day comment period</Tag> New or changed routine uses
      take effect {review.routineUseCommentDays} days after publication at the earliest.
    </p>
  );
  const [type, heading] =
    review.status === 'unpublished'
      ? (['warning', 'Not published yet: a new notice is required'] as const)
      : review.action === 'needs_new_notice'
        ? (['warning', 'A new or altered notice is required before these changes take effect'] as const)
        : review.action === 'revision'
          ? (['info', 'Revision only: fold these changes into the next publication'] as const)
          : (['success', `Matches version ${latest?.version}, recorded as published ${formatDateTime(latest?.publishedAt)}`] as const);
  return (
    <Alert type={type} className="margin-y-2" data-testid="notice-review">
      <h3 className="usa-alert__heading">{heading}</h3>
      <p className="usa-alert__text">{review.requiredAction}</p>
      {commentPeriod}
    </Alert>
  );
}

function ChangesTable({ notice }: { readonly notice: NoticeStatus }) {
  const changes = notice.review.changes;
  if (changes.length === 0) return null;
  const requires = (change: NoticeChange) =>
    change.action === 'revision'
      ? 'Revision'
      : change.routineUseCommentDays !== null
        ? `New notice, ${change.routineUseCommentDays} days’ comment`
        : 'New notice';
  return (
    <Table caption={`Changes to ${notice.designation} since its last publication`} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">What</th>
          <th scope="col">Requires</th>
        </tr>
      </thead>
      <tbody data-testid="notice-changes">
        {changes.map((change, index) => (
          <tr key={index}>
            <th scope="row" data-label="Change" className="text-normal">
              {topicLabels[change.topic] ?? change.topic} {change.change}
            </th>
            <td data-label="What">
              {change.item}
              {change.before !== null && change.after !== null && (
                <dl className="margin-y-1 font-body-2xs">
                  <dt className="text-bold">Was</dt>
                  <dd className="margin-left-0 caseline-pre">{change.before}</dd>
                  <dt className="text-bold margin-top-05">Now</dt>
                  <dd className="margin-left-0 caseline-pre">{change.after}</dd>
                </dl>
              )}
            </td>
            <td data-label="Requires">{change.action === 'revision' ? requires(change) : <strong>{requires(change)}</strong>}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function History({ notice, who }: { readonly notice: NoticeStatus; readonly who: (actor: string) => string }) {
  if (notice.publications.length === 0)
    return <p data-testid="publication-history">{notice.designation} has not been recorded as published in Caseline yet.</p>;
  return (
    <Table caption={`Published versions of ${notice.designation}, newest first`} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Published</th>
          <th scope="col">Recorded by</th>
          <th scope="col">SHA-256 of the notice</th>
        </tr>
      </thead>
      <tbody data-testid="publication-history">
        {notice.publications.map((publication: Publication) => (
          <tr key={publication.version}>
            <th scope="row" data-label="Version">
              {publication.version}
            </th>
            <td data-label="Published">{formatDateTime(publication.publishedAt)}</td>
            <td data-label="Recorded by">{who(publication.publishedBy)}</td>
            <td data-label="SHA-256 of the notice" className="caseline-mono font-body-3xs caseline-break">
              {publication.sha256}
              {publication.altered && (
                <div>
                  <Tag className="bg-error-dark caseline-tag">Changed after publication</Tag>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function NoticeSections({ notice }: { readonly notice: NoticeStatus }) {
  return (
    <details className="caseline-details margin-top-2">
      <summary>The notice as generated from the catalog (Federal Register layout)</summary>
      <div className="usa-prose caseline-notice-text">
        {notice.sections.map((section) => (
          <section key={section.heading} aria-label={`${notice.designation}: ${section.heading}`}>
            <h4 className="caseline-fr-heading">{section.heading}:</h4>
            {section.blocks.map((block, index) => (
              <NoticeBlock key={index} block={block} />
            ))}
          </section>
        ))}
      </div>
    </details>
  );
}

function PiaAnswer({ block }: { readonly block: PiaBlock }) {
  if (block.kind === 'heading') return <p className="text-bold margin-bottom-05">{block.text}</p>;
  if (block.kind === 'paragraph') return <p>{block.text}</p>;
  if (block.kind === 'list')
    return (
      <ul>
        {block.items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    );
  return (
    <Table fullWidth compact stackedStyle="headers">
      <thead>
        <tr>
          {block.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column} data-label={block.columns[column]}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Saves the Markdown `caseline pia` prints, without another round trip. */
function downloadMarkdown(pia: Pia) {
  const url = URL.createObjectURL(new Blob([pia.markdown], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'pia.md';
  link.click();
  URL.revokeObjectURL(url);
}

function PiaSection() {
  const pia = useLoad(fetchPia, []);
  return (
    <section aria-labelledby="pia-heading" className="margin-top-6" data-testid="pia">
      <h2 id="pia-heading">Privacy impact assessment</h2>
      {pia.error ? (
        <LoadError what="the privacy impact assessment" error={pia.error} onRetry={pia.reload} />
      ) : !pia.data ? (
        <Loading />
      ) : (
        <>
          <p className="maxw-tablet-lg">
            The {pia.data.title}, prepared for {pia.data.preparedFor} on {formatDateTime(pia.data.generatedAt)}: every answer comes from the
            catalog, the authorization matrix and this server’s configuration, as <code>caseline pia</code> prints it.
          </p>
          <div className="caseline-actions margin-bottom-3">
            <a className="usa-button" href={piaPdfUrl} target="_blank" rel="noopener">
              Open the PIA as a PDF
            </a>
            <Button type="button" outline onClick={() => downloadMarkdown(pia.data!)}>
              Download the Markdown
            </Button>
          </div>
          {pia.data.parts.map((part, index) => (
            <section key={part.title} aria-labelledby={`pia-part-${index}`} className="margin-top-3">
              <h3 id={`pia-part-${index}`}>{part.title}</h3>
              <details className="caseline-details">
                <summary>
                  {part.questions.length} question{part.questions.length === 1 ? '' : 's'} and answers
                </summary>
                <div className="usa-prose maxw-full">
                  {part.questions.map((question) => (
                    <div key={question.number} className="margin-top-2">
                      <h4 className="margin-bottom-1">
                        {question.number} {question.question}
                      </h4>
                      {question.answer.map((block, at) => (
                        <PiaAnswer key={at} block={block} />
                      ))}
                    </div>
                  ))}
                </div>
              </details>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/**
 * The privacy office's systems of records notices: each as the catalog generates it, what
 * changed since it was last published and what that requires (a new notice, 30 days for a
 * routine use), its publication history and, for privacy officers, recording a publication;
 * then the privacy impact assessment.
 */
export function NoticesPage() {
  const session = useSession();
  const notices = useLoad(listNoticeStatus, []);
  const { notify } = useNotifications();
  const dialog = useRef<ModalRef>(null);
  const [publishing, setPublishing] = useState<NoticeStatus | null>(null);
  const [failure, setFailure] = useState<{ readonly id: string; readonly message: string } | null>(null);
  const canPublish = hasAnyRole(session.roles, publishers);

  const who = (actor: string) =>
    actor === `staff:${session.id}`
      ? 'You'
      : actor === 'system:system:sorn'
        ? 'The command line (caseline sorn publish)'
        : actor.startsWith('system:')
          ? 'The system'
          : 'Another privacy officer';

  const open = (notice: NoticeStatus) => {
    setFailure(null);
    setPublishing(notice);
    dialog.current?.toggleModal(undefined, true);
  };
  const publish = async () => {
    if (!publishing) return;
    try {
      const published = await publishNotice(publishing.id);
      notify('success', `${publishing.designation} recorded as published: version ${published.version}.`);
      notices.reload();
    } catch (error) {
      setFailure({ id: publishing.id, message: problemMessage(error) });
    }
  };

  const pending = (notices.data ?? []).filter((notice) => notice.review.action === 'needs_new_notice');

  return (
    <Page title="Notices and PIA">
      <p className="usa-intro">
        The systems of records notices Caseline obeys, generated from its catalog, compared with the versions last sent to the Federal
        Register.
        {canPublish ? ' Record a notice as published once it has been sent for publication.' : ''}
      </p>
      {notices.error ? (
        <LoadError what="the notices" error={notices.error} onRetry={notices.reload} />
      ) : !notices.data ? (
        <Loading />
      ) : (
        <>
          <p aria-live="polite" data-testid="notices-summary">
            {pending.length === 0
              ? 'No notice needs a new publication.'
              : `${pending.length} of ${notices.data.length} notices need a new or altered notice in the Federal Register: ${pending
                  .map((notice) => notice.designation)
                  .join(', ')}.`}
          </p>
          {notices.data.map((notice) => (
            <section
              key={notice.id}
              aria-labelledby={`notice-${slug(notice.id)}`}
              className="border-1px border-base-lighter radius-md padding-2 margin-bottom-3"
              data-testid="notice"
              data-notice={notice.id}
            >
              <h2 id={`notice-${slug(notice.id)}`} className="margin-top-0">
                {notice.designation}, {notice.name}
              </h2>
              <ReviewAlert notice={notice} />
              {failure?.id === notice.id && (
                <Alert type="error" role="alert">
                  <h3 className="usa-alert__heading">{notice.designation} was not recorded as published</h3>
                  <p className="usa-alert__text">{failure.message}</p>
                </Alert>
              )}
              {canPublish && notice.review.status !== 'current' && (
                <Button type="button" className="margin-y-1" onClick={() => open(notice)}>
                  Record {notice.designation} as published
                </Button>
              )}
              <ChangesTable notice={notice} />
              <h3>Publication history</h3>
              <History notice={notice} who={who} />
              <NoticeSections notice={notice} />
            </section>
          ))}
        </>
      )}
      <PiaSection />
      <ConfirmDialog
        ref={dialog}
        id="publish-notice"
        heading={publishing ? `Record ${publishing.designation} as published?` : 'Record the notice as published?'}
        confirmLabel="Record as published"
        onConfirm={publish}
      >
        {publishing && (
          <>
            <p>
              The notice as the catalog generates it now becomes version {(publishing.publications[0]?.version ?? 0) + 1} of{' '}
              {publishing.designation}. Do this once it has been sent to the Federal Register; it is recorded in the audit log and cannot be
              undone.
            </p>
            {publishing.review.routineUseCommentDays !== null && (
              <p>
                <strong>
                  New or changed routine uses may be used only {publishing.review.routineUseCommentDays} days after publication.
                </strong>
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </Page>
  );
}
