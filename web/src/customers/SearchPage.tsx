import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert } from '@trussworks/react-uswds';
import { caseIdOfNumber, caseNumberPattern } from '../api/cases.ts';
import {
  lookupCustomers,
  lookupMessage,
  searchCustomers,
  type CustomerSearch,
  type CustomerSearchKey,
  type LookupAnswer,
} from '../api/customers.ts';
import { useSession } from '../auth/useSession.ts';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { customerCreators, hasAnyRole } from '../frame/navItems.ts';
import { criteriaLabels } from './criteriaLabels.ts';
import { SearchForm } from './SearchForm.tsx';
import { SearchResults } from './SearchResults.tsx';

interface SearchState {
  /** From the detailed search form. */
  readonly criteria?: CustomerSearch;
  /** From the header's find-customer box, as typed. */
  readonly q?: string;
}

type Found = LookupAnswer['results'];

const noErrors: FormErrors = { fields: {} };

/**
 * Customer search and its results. The criteria are personal data: they live in router
 * state (this history entry), never in the URL.
 */
export function SearchPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as SearchState | null;
  const criteria = state?.criteria;
  const q = criteria ? undefined : state?.q;
  const [results, setResults] = useState<Found | null>(null);
  const [interpretations, setInterpretations] = useState<readonly string[]>([]);
  // A number typed while a call comes in: the customer's page opens its call log with it.
  const [callerNumber, setCallerNumber] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    setErrors(noErrors);
    setLookupError(null);
    setInterpretations([]);
    const id = ++latest.current;
    if (!criteria && !q) {
      setResults(null);
      setBusy(false);
      return;
    }
    setBusy(true);
    const search: Promise<LookupAnswer> = criteria
      ? searchCustomers(criteria).then((found) => ({
          interpretations: [],
          results: found.map((customer) => ({ customer, matchedBy: '' })),
        }))
      : lookupCustomers(q ?? '');
    // A case number (C-2026-000123, as read off a letter) takes the agent to the case itself.
    const typedCase = q?.trim().toUpperCase() ?? '';
    const toCase = () =>
      caseIdOfNumber(typedCase).then(
        (found) => {
          if (id === latest.current) navigate(`/cases/${found.id}`, { replace: true });
          return true;
        },
        () => false,
      );
    search.then(
      async (found) => {
        if (id !== latest.current) return;
        if (found.interpretations.some((i) => i.kind === 'case_number') && caseNumberPattern.test(typedCase) && (await toCase())) return;
        if (id !== latest.current) return;
        setResults(found.results);
        setInterpretations(found.interpretations.map((i) => i.description));
        setCallerNumber(found.interpretations.some((i) => i.kind === 'phone') && q ? q.trim() : null);
        setBusy(false);
      },
      async (error: unknown) => {
        if (id !== latest.current) return;
        if (caseNumberPattern.test(typedCase) && (await toCase())) return;
        if (id !== latest.current) return;
        setResults(null);
        if (criteria) setErrors(formErrorsOf(error, criteriaLabels));
        else setLookupError(lookupMessage(error));
        setBusy(false);
      },
    );
  }, [criteria, q, location.key]);

  const canRegister = hasAnyRole(session.roles, customerCreators);
  const searchedFor = criteria
    ? Object.entries(criteria)
        .filter(([key, value]) => key !== 'ssnLast4' && typeof value === 'string')
        .map(([key, value]) => `${criteriaLabels[key as CustomerSearchKey]}: ${String(value)}`)
        .join('; ')
    : '';

  return (
    <Page title="Find a customer">
      <p className="usa-intro">Fill in any of the keys the customer gives you. Every key you fill in must match.</p>
      <SearchForm
        key={location.key}
        initial={criteria}
        errors={errors}
        busy={busy}
        onSearch={(next) => navigate('/search', { replace: Boolean(criteria), state: { criteria: next } })}
        onInvalid={(fields) => setErrors({ fields })}
      />
      {canRegister && (
        <p className="margin-top-2">
          <Link to="/customers/new" className="usa-link">
            Register a new customer
          </Link>{' '}
          or{' '}
          <Link to="/customers/import" className="usa-link">
            import customers from a file
          </Link>
        </p>
      )}
      <section aria-labelledby="results-heading" className="margin-top-4">
        <h2 id="results-heading">Results</h2>
        {q !== undefined && interpretations.length > 0 && !busy && (
          <p data-testid="searched-as">Searched as: {interpretations.join('; ')}</p>
        )}
        {lookupError && (
          <Alert type="error" role="alert" data-testid="lookup-error">
            <h3 className="usa-alert__heading">No search made</h3>
            <p className="usa-alert__text">{lookupError}</p>
          </Alert>
        )}
        <p role="status" className="usa-sr-only">
          {busy ? 'Searching…' : results === null ? '' : `${results.length} matching customer${results.length === 1 ? '' : 's'}`}
        </p>
        {busy ? (
          <Loading label="Searching…" />
        ) : results === null ? (
          lookupError ? null : (
            <p>Search results appear here.</p>
          )
        ) : results.length === 0 ? (
          <p data-testid="no-results">
            No customer matches {searchedFor ? <strong>{searchedFor}</strong> : q ? 'what you typed' : 'these keys'}. Check the spelling, or
            try another key.
          </p>
        ) : (
          <SearchResults results={results} showMatchedBy={q !== undefined} callerNumber={callerNumber} />
        )}
      </section>
    </Page>
  );
}
