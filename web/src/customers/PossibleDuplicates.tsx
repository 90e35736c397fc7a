import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { fetchDuplicates } from '../api/customers.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useLoad } from '../util/useLoad.ts';

/** GET /api/customers/:id/duplicates: other records that are probably the same customer. */
export function PossibleDuplicates({ id }: { readonly id: string }) {
  const duplicates = useLoad(() => fetchDuplicates(id), [id]);
  const data = duplicates.data;
  return (
    <section aria-labelledby="duplicates-heading" className="margin-top-4">
      <h2 id="duplicates-heading">Possible duplicates</h2>
      {duplicates.error ? (
        <LoadError what="possible duplicates" error={duplicates.error} onRetry={duplicates.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-duplicates">No likely duplicates.</p>
      ) : (
        <Table
          caption={`${data.length} other record${data.length === 1 ? '' : 's'} that may be the same customer`}
          fullWidth
          stackedStyle="headers"
        >
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Likelihood</th>
              <th scope="col">Matched on</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label="Name">
                  <Link to={`/customers/${d.id}`} className="usa-link">
                    {d.name}
                  </Link>
                </th>
                <td data-label="Likelihood">{Math.round(d.score * 100)}%</td>
                <td data-label="Matched on">{d.reasons.join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
