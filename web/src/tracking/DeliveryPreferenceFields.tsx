import {
  contactLabels,
  contactMeans,
  dayLabels,
  whenAbsentLabels,
  whenAbsentOptions,
  type ContactMeans,
  type DeliveryPreferences,
  type DeliveryPreferencesInput,
  type WhenAbsent,
} from '../api/delivery-services.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';

export interface PreferencesDraft {
  readonly whenAbsent: WhenAbsent | '';
  readonly days: readonly string[];
  readonly contact: ContactMeans | '';
  readonly codes: string;
  readonly instructions: string;
}

export const preferencesDraft = (p: DeliveryPreferences): PreferencesDraft => ({
  whenAbsent: p.whenAbsent ?? '',
  days: p.deliveryDays.map(String),
  contact: p.preferredContact ?? '',
  codes: p.dropShipCodes.join('\n'),
  instructions: p.instructions ?? '',
});

/** One entry per line (or comma): what an agent pastes from a notice or a mailer's list. */
export const listOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

export const preferencesInput = (draft: PreferencesDraft): DeliveryPreferencesInput => ({
  whenAbsent: draft.whenAbsent || null,
  deliveryDays: draft.days.map(Number),
  preferredContact: draft.contact || null,
  dropShipCodes: listOf(draft.codes),
  instructions: draft.instructions.trim() || null,
});

type Keyed = Readonly<Record<keyof DeliveryPreferencesInput, string>>;

/** A customer's standing delivery preferences, as the agent and the customer both set them; each says it in its own words. */
export function DeliveryPreferenceFields({
  ids,
  labels,
  hints,
  draft,
  onChange,
  errors,
}: {
  readonly ids: Keyed;
  readonly labels: Keyed;
  readonly hints: { readonly dropShipCodes: string; readonly instructions?: string };
  readonly draft: PreferencesDraft;
  readonly onChange: (draft: PreferencesDraft) => void;
  readonly errors: FormErrors;
}) {
  const set = (changes: Partial<PreferencesDraft>) => onChange({ ...draft, ...changes });
  return (
    <>
      <SelectField
        id={ids.whenAbsent}
        label={labels.whenAbsent}
        value={draft.whenAbsent}
        onChange={(value) => set({ whenAbsent: value as WhenAbsent | '' })}
        options={[{ value: '', label: 'No preference' }, ...whenAbsentOptions.map((o) => ({ value: o, label: whenAbsentLabels[o] }))]}
        error={errors.fields.whenAbsent}
      />
      <CheckboxGroup
        id={ids.deliveryDays}
        legend={labels.deliveryDays}
        options={[1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: dayLabels[d]! }))}
        selected={draft.days}
        onChange={(days) => set({ days })}
        error={errors.fields.deliveryDays}
      />
      <SelectField
        id={ids.preferredContact}
        label={labels.preferredContact}
        value={draft.contact}
        onChange={(value) => set({ contact: value as ContactMeans | '' })}
        options={[{ value: '', label: 'No preference' }, ...contactMeans.map((c) => ({ value: c, label: contactLabels[c] }))]}
        error={errors.fields.preferredContact}
      />
      <TextAreaField
        id={ids.dropShipCodes}
        label={labels.dropShipCodes}
        hint={hints.dropShipCodes}
        value={draft.codes}
        onChange={(codes) => set({ codes })}
        error={errors.fields.dropShipCodes}
      />
      <TextAreaField
        id={ids.instructions}
        label={labels.instructions}
        hint={hints.instructions}
        value={draft.instructions}
        onChange={(instructions) => set({ instructions })}
        error={errors.fields.instructions}
      />
    </>
  );
}
