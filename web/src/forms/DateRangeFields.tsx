import { TextField } from './TextField.tsx';

export interface DayPair<T = string> {
  readonly first: T;
  readonly last: T;
}

export const emptyDays: DayPair = { first: '', last: '' };

/** A request's first and last day, both required; a request with no end (a permanent move) shows no last day. */
export function DateRangeFields({
  ids,
  labels,
  hints,
  value,
  onChange,
  errors,
  withLast = true,
}: {
  readonly ids: DayPair;
  readonly labels: DayPair;
  readonly hints: DayPair;
  readonly value: DayPair;
  readonly onChange: (value: DayPair) => void;
  readonly errors: DayPair<string | undefined>;
  readonly withLast?: boolean;
}) {
  return (
    <>
      <TextField
        id={ids.first}
        label={labels.first}
        hint={hints.first}
        type="date"
        value={value.first}
        onChange={(first) => onChange({ ...value, first })}
        error={errors.first}
        aria-required
      />
      {withLast && (
        <TextField
          id={ids.last}
          label={labels.last}
          hint={hints.last}
          type="date"
          value={value.last}
          onChange={(last) => onChange({ ...value, last })}
          error={errors.last}
          aria-required
        />
      )}
    </>
  );
}
