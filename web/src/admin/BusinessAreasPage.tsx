import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { listBusinessAreas } from '../api/admin.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';

export function BusinessAreasPage() {
  const areas = useLoad(listBusinessAreas, []);
  return (
    <Page title="Business areas">
      <p className="usa-intro">Need-to-know scopes: staff see the records of their business areas, and the records shared by all.</p>
      <p>
        <Link to="/admin/business-areas/new" className="usa-button">
          Add business area
        </Link>
      </p>
      {areas.error ? (
        <LoadError what="the business areas" error={areas.error} onRetry={areas.reload} />
      ) : !areas.data ? (
        <Loading />
      ) : areas.data.length === 0 ? (
        <p>There are no business areas yet.</p>
      ) : (
        <Table caption="Business areas" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Identifier</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.data.map((area) => (
              <tr key={area.id}>
                <th scope="row" data-label="Name">
                  {area.name}
                </th>
                <td data-label="Identifier" className="caseline-mono">
                  {area.id}
                </td>
                <td data-label="Description">{area.description || '—'}</td>
                <td data-label="Actions">
                  <Link to={`/admin/business-areas/${encodeURIComponent(area.id)}`} className="usa-link" aria-label={`Edit ${area.name}`}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
