import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { searchCustomers, type Customer, type CustomerSearch } from '../api/customers.ts';
import { useSession } from '../auth/useSession.ts';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { customerCreators, hasAnyRole } from '../frame/navItems.ts';
import { criteriaLabels } from './criteriaFromText.ts';
import { SearchForm } from './SearchForm.tsx';
import { SearchResults } from './SearchResults.tsx';

interface SearchState {
  readonly criteria?: CustomerSearch;
}

const noErrors: FormErrors = { fields: {} };

/**
 * Customer search and its results. The criteria are personal data: they live in router
 * state (this history entry), never in the URL.
 */
export function SearchPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const criteria = (location.state as SearchState | null)?.criteria;
  const [results, setResults] = useState<readonly Customer[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    setErrors(noErrors);
    if (!criteria) {
      setResults(null);
      return;
    }
    const id = ++latest.current;
    setBusy(true);
    searchCustomers(criteria).then(
      (found) => {
        if (id !== latest.current) return;
        setResults(found);
        setBusy(false);
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        setResults(null);
        setErrors(formErrorsOf(error, criteriaLabels));
        setBusy(false);
      },
    );
  }, [criteria, location.key]);

  const canRegister = hasAnyRole(session.roles, customerCreators);
  const searchedFor = criteria
    ? Object.entries(criteria)
        .filter(([key]) => key !== 'ssnLast4')
        .map(([key, value]) => `${criteriaLabels[key as keyof CustomerSearch]}: ${String(value)}`)
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
          </Link>
        </p>
      )}
      <section aria-labelledby="results-heading" className="margin-top-4">
        <h2 id="results-heading">Results</h2>
        <p role="status" className="usa-sr-only">
          {busy ? 'Searching…' : results === null ? '' : `${results.length} matching customer${results.length === 1 ? '' : 's'}`}
        </p>
        {busy ? (
          <Loading label="Searching…" />
        ) : results === null ? (
          <p>Search results appear here.</p>
        ) : results.length === 0 ? (
          <p data-testid="no-results">
            No customer matches {searchedFor ? <strong>{searchedFor}</strong> : 'these keys'}. Check the spelling, or try another key.
          </p>
        ) : (
          <SearchResults customers={results} />
        )}
      </section>
    </Page>
  );
}
