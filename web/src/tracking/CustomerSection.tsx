import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@trussworks/react-uswds';
import { LoadedList } from '../frame/LoadedList.tsx';
import type { Loaded } from '../util/useLoad.ts';

/**
 * A mail service's section of the customer page: its records (or why there are none), and for
 * those who may enter one a button that opens the entry form. The form's heading takes the
 * focus when it opens, so a screen reader lands on what was asked for; once entered, the form
 * closes and what became of the entry shows above the records.
 */
export function CustomerSection<T>({
  headingId,
  title,
  testId,
  records,
  what,
  empty,
  children,
  after,
  canEnter,
  enterLabel,
  formHeadingId,
  form,
  result,
  onEntered,
}: {
  readonly headingId: string;
  readonly title: string;
  readonly testId: string;
  readonly records: Loaded<T[]>;
  /** The records in "Could not load …". */
  readonly what: string;
  readonly empty: ReactNode;
  readonly children: (records: T[]) => ReactNode;
  readonly after?: ReactNode;
  readonly canEnter: boolean;
  readonly enterLabel: string;
  readonly formHeadingId: string;
  readonly form: (onEntered: (entered: T) => void, onCancel: () => void) => ReactNode;
  readonly result: (entered: T) => ReactNode;
  readonly onEntered?: (entered: T) => void;
}) {
  const [entering, setEntering] = useState(false);
  const [entered, setEntered] = useState<T | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (entering) formHeading.current?.focus();
  }, [entering]);

  const done = (record: T) => {
    setEntering(false);
    setEntered(record);
    records.reload();
    onEntered?.(record);
  };

  return (
    <section aria-labelledby={headingId} className="margin-top-4" data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      {entered && result(entered)}
      <LoadedList list={records} what={what} empty={empty}>
        {children}
      </LoadedList>
      {after}
      {canEnter &&
        (entering ? (
          <section aria-labelledby={formHeadingId} className="margin-top-3">
            <h3 id={formHeadingId} ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
              {enterLabel}
            </h3>
            {form(done, () => setEntering(false))}
          </section>
        ) : (
          <Button type="button" outline className="margin-top-2" onClick={() => setEntering(true)}>
            {enterLabel}
          </Button>
        ))}
    </section>
  );
}
