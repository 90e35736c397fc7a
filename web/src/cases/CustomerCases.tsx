import { Link } from 'react-router';
import { listCases } from '../api/cases.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { nav } from '../frame/navItems.ts';
import { useLoad } from '../util/useLoad.ts';
import { CaseTable } from './CaseTable.tsx';

/** GET /api/cases?customerId=: the customer's cases, newest first, with 'New case' for those who open them. */
export function CustomerCases({
  customerId,
  canOpen,
  version,
}: {
  readonly customerId: string;
  readonly canOpen: boolean;
  readonly version: number;
}) {
  const cases = useLoad(() => listCases({ customerId }), [customerId, version]);
  const data = cases.data;
  return (
    <>
      {canOpen && (
        <p>
          <Link to={`${nav.newCase.path}?customerId=${encodeURIComponent(customerId)}`} className="usa-button">
            New case
          </Link>
        </p>
      )}
      {cases.error ? (
        <LoadError what="the customer’s cases" error={cases.error} onRetry={cases.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-cases">No cases.</p>
      ) : (
        <CaseTable cases={data} caption={`${data.length} case${data.length === 1 ? '' : 's'}, newest first`} testId="customer-cases" />
      )}
    </>
  );
}
