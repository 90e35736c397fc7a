import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { searchAudit, type AuditEntry, type AuditFilter } from '../api/audit.ts';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { AuditFilterForm, auditFieldLabels } from './AuditFilterForm.tsx';
import { AuditTable } from './AuditTable.tsx';
import { filterFromParams, paramsFromFilter } from './auditQuery.ts';
import { VerifyStatus } from './VerifyStatus.tsx';

const pageSize = 50;
const noErrors: FormErrors = { fields: {} };

/** The audit viewer: chain verification, filters (in the query string: ids, actions and times only) and entries. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const filter = filterFromParams(new URLSearchParams(query));

  const load = async (before?: number) => {
    const id = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await searchAudit(filterFromParams(new URLSearchParams(query)), { limit: pageSize, ...(before ? { before } : {}) });
      if (id !== latest.current) return;
      setEntries((current) => (before ? [...current, ...page] : page));
      setMore(page.length === pageSize);
    } catch (failure) {
      if (id !== latest.current) return;
      const form = formErrorsOf(failure, auditFieldLabels);
      if (Object.keys(form.fields).length) setErrors(form);
      else setError(failure);
    } finally {
      if (id === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    setErrors(noErrors);
    setEntries([]);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, round]);

  const search = (next: AuditFilter) => {
    const nextQuery = paramsFromFilter(next);
    if (nextQuery.toString() === query) setRound((r) => r + 1);
    else setParams(nextQuery);
  };
  const last = entries[entries.length - 1];

  return (
    <Page title="Audit log">
      <p className="usa-intro">Every read and change of personal data, and every sign-in, in an append-only, hash-chained log.</p>
      <VerifyStatus />
      <section aria-labelledby="audit-search-heading">
        <h2 id="audit-search-heading">Search the log</h2>
        <AuditFilterForm
          key={query}
          initial={filter}
          errors={errors}
          onSearch={search}
          onInvalid={(fields) => setErrors({ fields })}
          onClear={() => setParams(new URLSearchParams())}
        />
      </section>
      <section aria-labelledby="audit-results-heading" className="margin-top-4">
        <h2 id="audit-results-heading">Entries</h2>
        <p role="status" className="usa-sr-only">
          {loading ? 'Loading entries…' : `${entries.length} entries shown${more ? '; more are available' : ''}.`}
        </p>
        {error ? (
          <LoadError what="the audit log" error={error} onRetry={() => setRound((r) => r + 1)} />
        ) : entries.length === 0 && loading ? (
          <Loading label="Loading entries…" />
        ) : entries.length === 0 ? (
          <p>No entries match these filters.</p>
        ) : (
          <>
            <AuditTable entries={entries} />
            {more && (
              <Button type="button" outline disabled={loading} onClick={() => last && void load(last.id)}>
                {loading ? 'Loading…' : 'Load more'}
              </Button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
