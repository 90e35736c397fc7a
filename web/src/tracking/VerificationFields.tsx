import { Fieldset } from '@trussworks/react-uswds';
import {
  verificationMethodLabels,
  verificationMethods,
  verificationOutcomeLabels,
  verificationOutcomes,
  type VerificationMethod,
  type VerificationOutcome,
} from '../api/changes-of-address.ts';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';

export interface VerificationDraft {
  readonly method: VerificationMethod | '';
  readonly outcome: VerificationOutcome | undefined;
}

export const emptyVerification: VerificationDraft = { method: '', outcome: undefined };

/** The ids the error summary links to: `${prefix}-verification-method` and `-outcome`. */
export const verificationIds = (prefix: string) => ({
  method: `${prefix}-verification-method`,
  outcome: `${prefix}-verification-outcome`,
});

/**
 * How the agent verified the customer's identity before entering a request, and the result.
 * A form places its errors by field or, where the server names only the group, above both.
 */
export function VerificationFields({
  prefix,
  what,
  value,
  onChange,
  errors = {},
}: {
  readonly prefix: string;
  /** 'request', 'hold': what is entered once the identity is verified. */
  readonly what: string;
  readonly value: VerificationDraft;
  readonly onChange: (value: VerificationDraft) => void;
  readonly errors?: { readonly group?: string | undefined; readonly method?: string | undefined; readonly outcome?: string | undefined };
}) {
  const ids = verificationIds(prefix);
  return (
    <Fieldset legend="Identity verification" className="margin-top-3">
      <div className="usa-hint">Verify the customer’s identity before entering the {what}; the result is kept 2 years.</div>
      {errors.group && <span className="usa-error-message">{errors.group}</span>}
      <SelectField
        id={ids.method}
        label="How identity was verified"
        value={value.method}
        onChange={(method) => onChange({ ...value, method: method as VerificationMethod | '' })}
        options={[
          { value: '', label: '- Choose -' },
          ...verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] })),
        ]}
        error={errors.method}
      />
      <RadioGroup
        id={ids.outcome}
        name={ids.outcome}
        legend="Verification result"
        options={verificationOutcomes.map((o) => ({ value: o, label: verificationOutcomeLabels[o] }))}
        value={value.outcome}
        onChange={(outcome) => onChange({ ...value, outcome })}
        error={errors.outcome}
      />
    </Fieldset>
  );
}
