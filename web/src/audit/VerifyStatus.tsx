import { Alert, Button } from '@trussworks/react-uswds';
import { verifyAudit } from '../api/audit.ts';
import { ApiError } from '../api/problem.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useLoad } from '../util/useLoad.ts';

/** GET /api/audit/verify: is the hash chain intact, and if not, where did it break. */
export function VerifyStatus() {
  const result = useLoad(verifyAudit, []);
  const data = result.data;
  const forbidden = result.error instanceof ApiError && result.error.status === 403;
  return (
    <section aria-labelledby="verify-heading" className="margin-bottom-4">
      <h2 id="verify-heading">Chain verification</h2>
      {forbidden ? (
        <p>Verifying the chain is for auditors. Your roles can search the log below.</p>
      ) : result.error ? (
        <LoadError what="the chain verification" error={result.error} onRetry={result.reload} />
      ) : result.loading || !data ? (
        <Loading label="Verifying the audit chain…" />
      ) : data.ok ? (
        <Alert type="success" data-testid="audit-verification">
          <h3 className="usa-alert__heading">The audit chain is intact</h3>
          <p className="usa-alert__text">
            {data.entries ?? 0} entries verified
            {data.sealedHead ? `, up to chain position ${data.sealedHead.chainPos}` : ''}; {data.checkpointsChecked ?? 0} signed checkpoints
            checked; {data.unsealed ?? 0} entries not yet sealed.
          </p>
        </Alert>
      ) : (
        <Alert type="error" role="alert" data-testid="audit-verification">
          <h3 className="usa-alert__heading">The audit chain is broken</h3>
          {data.problem ? (
            <p className="usa-alert__text">
              At chain position {data.problem.chainPos}: {data.problem.kind.replace(/_/g, ' ')}. {data.problem.message}
            </p>
          ) : (
            <p className="usa-alert__text">The verification failed without naming a position.</p>
          )}
        </Alert>
      )}
      {!forbidden && (
        <Button type="button" outline className="margin-top-1" onClick={result.reload} disabled={result.loading}>
          Verify again
        </Button>
      )}
    </section>
  );
}
