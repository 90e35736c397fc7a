import { Fieldset, FormGroup } from '@trussworks/react-uswds';
import { describedBy } from '../forms/describedBy.ts';
import { ratingLabels } from './surveyApi.ts';

export interface RatingFieldsetProps {
  readonly id: string;
  readonly legend: string;
  readonly value: number | null;
  readonly onChange: (rating: number) => void;
  readonly error?: string | undefined;
}

/** Five labelled radio buttons, 1 (very dissatisfied) to 5 (very satisfied), in one fieldset. */
export function RatingFieldset({ id, legend, value, onChange, error }: RatingFieldsetProps) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} legendStyle="large" id={id} aria-describedby={describedBy(errorId)}>
        {error && (
          <span className="usa-error-message" id={errorId}>
            {error}
          </span>
        )}
        {ratingLabels.map((label, index) => {
          const rating = index + 1;
          const inputId = `${id}-${rating}`;
          return (
            <div key={rating} className="usa-radio">
              <input
                className="usa-radio__input usa-radio__input--tile"
                id={inputId}
                type="radio"
                name={id}
                value={rating}
                checked={value === rating}
                onChange={() => onChange(rating)}
                aria-invalid={error ? true : undefined}
              />
              <label className="usa-radio__label" htmlFor={inputId}>
                {`${rating} – ${label}`}
              </label>
            </div>
          );
        })}
      </Fieldset>
    </FormGroup>
  );
}
