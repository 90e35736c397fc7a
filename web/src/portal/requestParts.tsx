import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button } from '@trussworks/react-uswds';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { LoadedList } from '../frame/LoadedList.tsx';
import type { Loaded } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';

/**
 * The form of a request for an address of the customer's record (a change of address, a hold);
 * with none on record there is nothing to ask for, and the customer is sent to the profile.
 */
export function ForAddressOfRecord<T>({
  addresses,
  testId,
  nothing,
  children,
}: {
  readonly addresses: Loaded<T[]>;
  readonly testId: string;
  /** Why no address means no request: "there is no mail to hold". */
  readonly nothing: string;
  readonly children: (addresses: T[]) => ReactNode;
}) {
  return (
    <LoadedList
      list={addresses}
      what="your addresses"
      empty={
        <p data-testid={testId}>
          We hold no mailing address for you, so {nothing}. Check{' '}
          <Link to="/portal/profile" className="usa-link">
            your profile
          </Link>{' '}
          and ask us to add your address.
        </p>
      }
    >
      {children}
    </LoadedList>
  );
}

/** A request the customer makes as the person on the record: its errors above it, what filing means below its fields. */
export function RequestForm({
  heading,
  errorHeading,
  errors,
  fieldIds,
  testId,
  onSubmit,
  declaration,
  busy,
  submitLabel,
  busyLabel,
  children,
}: {
  readonly heading: string;
  readonly errorHeading: string;
  readonly errors: FormErrors;
  readonly fieldIds: Readonly<Record<string, string>>;
  readonly testId: string;
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  readonly declaration: string;
  readonly busy: boolean;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly children: ReactNode;
}) {
  return (
    <>
      <h2>{heading}</h2>
      <PortalErrorSummary errors={errors} fieldIds={fieldIds} heading={errorHeading} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="usa-form usa-form--large maxw-tablet-lg" data-testid={testId}>
        {children}
        <p className="margin-top-3">{declaration}</p>
        <Button type="submit" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
      </form>
    </>
  );
}

/** What became of the request just made, never the fraud checks' reasons (they would teach a fraudster the rules); it takes the focus. */
export function RequestOutcome({
  id,
  testId,
  type,
  heading,
  text,
}: {
  /** The request's id: a new request takes the focus again. */
  readonly id: string;
  readonly testId: string;
  readonly type: 'success' | 'warning' | 'error';
  readonly heading: string;
  readonly text: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [id]);
  return (
    <div ref={ref} tabIndex={-1} data-testid={testId}>
      <Alert type={type} className="margin-y-3">
        <h2 className="usa-alert__heading">{heading}</h2>
        <p className="usa-alert__text">{text}</p>
      </Alert>
    </div>
  );
}
