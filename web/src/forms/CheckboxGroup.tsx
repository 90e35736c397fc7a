import type { ReactNode } from 'react';
import { Fieldset, FormGroup } from '@trussworks/react-uswds';
import { FieldMessages, fieldMessageIds } from './FieldMessages.tsx';

export interface CheckboxOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

export interface CheckboxGroupProps {
  readonly id: string;
  readonly legend: ReactNode;
  readonly options: readonly CheckboxOption[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly tile?: boolean;
}

/**
 * A fieldset of checkboxes: the legend names the group, each box its option. A box's
 * name is its label alone; its description is its description (not part of the name).
 */
export function CheckboxGroup({ id, legend, options, selected, onChange, hint, error, tile = false }: CheckboxGroupProps) {
  const messages = fieldMessageIds(id, hint, error);
  const toggle = (value: string, checked: boolean) =>
    onChange(
      checked ? options.map((o) => o.value).filter((v) => v === value || selected.includes(v)) : selected.filter((v) => v !== value),
    );
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} id={id} aria-describedby={messages.describedBy}>
        <FieldMessages id={id} hint={hint} error={error} />
        {options.map((option) => {
          const inputId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="usa-checkbox">
              <input
                className={`usa-checkbox__input${tile ? ' usa-checkbox__input--tile' : ''}`}
                id={inputId}
                type="checkbox"
                name={id}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
                aria-labelledby={`${inputId}-label`}
                aria-describedby={option.description ? `${inputId}-description` : undefined}
              />
              <label className="usa-checkbox__label" htmlFor={inputId}>
                <span id={`${inputId}-label`}>{option.label}</span>
                {option.description && (
                  <span className="usa-checkbox__label-description" id={`${inputId}-description`}>
                    {option.description}
                  </span>
                )}
              </label>
            </div>
          );
        })}
      </Fieldset>
    </FormGroup>
  );
}
