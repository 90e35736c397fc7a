import type { FormEvent, ReactNode } from 'react';
import { Form } from '@trussworks/react-uswds';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SubmitOrCancel } from './SubmitOrCancel.tsx';
import type { FormErrors } from './useFormErrors.ts';

/** A console form that enters or decides something: its error summary above it, its fields, then submit and Cancel. */
export function EntryForm({
  errors,
  fieldIds,
  errorHeading,
  testId,
  onSubmit,
  busy,
  label,
  busyLabel,
  onCancel,
  children,
}: {
  readonly errors: FormErrors;
  readonly fieldIds: Readonly<Record<string, string>>;
  readonly errorHeading: string;
  readonly testId: string;
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  readonly busy: boolean;
  readonly label: string;
  readonly busyLabel: string;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={fieldIds} heading={errorHeading} />
      <Form onSubmit={(event) => void onSubmit(event)} noValidate className="maxw-full" data-testid={testId}>
        {children}
        <SubmitOrCancel busy={busy} label={label} busyLabel={busyLabel} onCancel={onCancel} />
      </Form>
    </>
  );
}
