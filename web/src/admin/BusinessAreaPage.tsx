import { Link, useNavigate, useParams } from 'react-router';
import { listBusinessAreas } from '../api/admin.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { BusinessAreaForm } from './BusinessAreaForm.tsx';

/** /admin/business-areas/new adds one; /admin/business-areas/:id edits one. */
export function BusinessAreaPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const areas = useLoad(() => (id ? listBusinessAreas() : Promise.resolve([])), [id]);
  const area = id ? areas.data?.find((a) => a.id === id) : null;
  const done = (name: string, verb: string) => {
    notify('success', `Business area ${name} was ${verb}.`);
    navigate('/admin/business-areas');
  };

  return (
    <Page title={id ? 'Edit business area' : 'Add business area'}>
      {areas.error ? (
        <LoadError what="the business area" error={areas.error} onRetry={areas.reload} />
      ) : !areas.data ? (
        <Loading />
      ) : id && !area ? (
        <p>There is no such business area.</p>
      ) : (
        <BusinessAreaForm area={area ?? null} onSaved={(saved) => done(saved.name, id ? 'saved' : 'added')} />
      )}
      <p className="margin-top-4">
        <Link to="/admin/business-areas" className="usa-link">
          Back to business areas
        </Link>
      </p>
    </Page>
  );
}
