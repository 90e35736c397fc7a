import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { casePriorities, type CaseChannel, type CasePriority } from '../api/cases.ts';
import { ApiError, problemMessage, problemTypes } from '../api/problem.ts';
import {
  assignmentStrategies,
  createRule,
  customerTypes,
  routingLanguages,
  updateRule,
  type AssignmentStrategy,
  type CustomerType,
  type RoutingRule,
  type RuleActions,
  type RuleConditions,
  type RuleInput,
} from '../api/routing.ts';
import { useSession } from '../auth/useSession.ts';
import { caseChannels, channelLabels, priorityLabels } from '../cases/caseText.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { badTagMessage, splitList } from './tagList.ts';

export const customerTypeLabels: Record<CustomerType, string> = {
  person: 'Person',
  organisation: 'Organisation',
  unknown: 'Not known (no customer record)',
};
export const assignmentLabels: Record<AssignmentStrategy, string> = {
  manual: 'Left in the queue (agents take cases)',
  round_robin: 'Round robin (each agent of the area in turn)',
  least_loaded: 'Least loaded (the agent with fewest open cases)',
};
export const channelOptions = caseChannels.map((c) => ({ value: c, label: channelLabels[c] }));

const labels: Record<string, string> = {
  name: 'Name',
  channels: 'Channels',
  categories: 'Categories',
  customerTypes: 'Customer types',
  words: 'Words',
  languages: 'Languages',
  businessArea: 'Business area',
  priority: 'Priority',
  tags: 'Tags',
  assignment: 'Assignment',
};
const ids = {
  name: 'rule-name',
  channels: 'rule-channels',
  categories: 'rule-categories',
  customerTypes: 'rule-customer-types',
  words: 'rule-words',
  languages: 'rule-languages',
  businessArea: 'rule-area',
  priority: 'rule-priority',
  tags: 'rule-tags',
  assignment: 'rule-assignment',
};

function sentence(label: string, message: string): string {
  const text = `${label} ${message}`.trim();
  return text.endsWith('.') ? text : `${text}.`;
}

/** The server's field errors next to their fields: '/body/conditions/words/0' goes to Words, '/body/actions/businessArea' to Business area. */
function ruleErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const e of error.problem.errors ?? []) {
    const parts = e.field.split('/').slice(2);
    const key = parts[0] === 'conditions' || parts[0] === 'actions' ? parts[1] : parts[0];
    if (key && labels[key]) {
      if (!fields[key]) fields[key] = sentence(labels[key], e.message);
    } else unplaced.push(sentence(parts.join(' ') || 'The rule', e.message));
  }
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0 && error.problem.type === problemTypes.validation;
  return placedAll ? { fields } : { summary: unplaced.length ? unplaced.join(' ') : problemMessage(error), fields };
}

/** Create or change a routing rule (POST /api/routing/rules, PUT /api/routing/rules/{id}). */
export function RuleForm({
  rule,
  onSaved,
  onCancel,
}: {
  readonly rule: RoutingRule | null;
  readonly onSaved: (rule: RoutingRule) => void;
  readonly onCancel: () => void;
}) {
  const session = useSession();
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [name, setName] = useState(rule?.name ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [channels, setChannels] = useState<string[]>([...(rule?.conditions.channels ?? [])]);
  const [categories, setCategories] = useState((rule?.conditions.categories ?? []).join(', '));
  const [types, setTypes] = useState<string[]>([...(rule?.conditions.customerTypes ?? [])]);
  const [words, setWords] = useState((rule?.conditions.words ?? []).join('\n'));
  const [languages, setLanguages] = useState<string[]>([...(rule?.conditions.languages ?? [])]);
  const [area, setArea] = useState(rule?.actions.businessArea === null ? 'none' : (rule?.actions.businessArea ?? ''));
  const [priority, setPriority] = useState<string>(rule?.actions.priority ?? '');
  const [tags, setTags] = useState((rule?.actions.tags ?? []).join(', '));
  const [assignment, setAssignment] = useState<string>(rule?.actions.assignment ?? '');
  const [busy, setBusy] = useState(false);
  const areas = [...new Set([...session.businessAreas, ...(rule?.actions.businessArea ? [rule.actions.businessArea] : [])])];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const tagList = splitList(tags);
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter a name for the rule.';
    const badTag = badTagMessage(tagList);
    if (badTag) checks.tags = badTag;
    if (Object.keys(checks).length) {
      setErrors({ fields: checks });
      return;
    }
    const categoryList = splitList(categories);
    const wordList = words
      .split('\n')
      .flatMap((line) => line.split(','))
      .map((w) => w.trim())
      .filter(Boolean);
    const conditions: RuleConditions = {
      ...(channels.length ? { channels: channels as CaseChannel[] } : {}),
      ...(categoryList.length ? { categories: categoryList } : {}),
      ...(types.length ? { customerTypes: types as CustomerType[] } : {}),
      ...(wordList.length ? { words: wordList } : {}),
      ...(languages.length ? { languages } : {}),
    };
    const actions: RuleActions = {
      ...(area ? { businessArea: area === 'none' ? null : area } : {}),
      ...(priority ? { priority: priority as CasePriority } : {}),
      ...(tagList.length ? { tags: tagList } : {}),
      ...(assignment ? { assignment: assignment as AssignmentStrategy } : {}),
    };
    const input: RuleInput = { name: name.trim(), enabled, conditions, actions };
    setBusy(true);
    setErrors({ fields: {} });
    try {
      onSaved(rule ? await updateRule(rule.id, input) : await createRule(input));
    } catch (error) {
      setErrors(ruleErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading={rule ? 'The rule was not saved' : 'The rule was not added'} />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="rule-form">
        <TextField
          id={ids.name}
          label={labels.name}
          value={name}
          onChange={setName}
          error={errors.fields.name}
          maxLength={100}
          autoComplete="off"
          aria-required
        />
        <div className="usa-checkbox margin-top-2">
          <input
            className="usa-checkbox__input"
            id="rule-enabled"
            type="checkbox"
            checked={enabled}
            onChange={(event) => setEnabled(event.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="rule-enabled">
            Enabled (a disabled rule is skipped)
          </label>
        </div>
        <fieldset className="usa-fieldset margin-top-3 caseline-rule-part">
          <legend className="usa-legend text-bold font-sans-md">When</legend>
          <p className="usa-hint">A case matches when it meets every condition given; a condition left empty matches every case.</p>
          <CheckboxGroup
            id={ids.channels}
            legend={labels.channels}
            options={channelOptions}
            selected={channels}
            onChange={setChannels}
            error={errors.fields.channels}
          />
          <TextField
            id={ids.categories}
            label={labels.categories}
            hint="Separated by commas."
            value={categories}
            onChange={setCategories}
            error={errors.fields.categories}
            autoComplete="off"
          />
          <CheckboxGroup
            id={ids.customerTypes}
            legend={labels.customerTypes}
            options={customerTypes.map((t) => ({ value: t, label: customerTypeLabels[t] }))}
            selected={types}
            onChange={setTypes}
            error={errors.fields.customerTypes}
          />
          <TextAreaField
            id={ids.words}
            label={labels.words}
            hint="One word or phrase per line: the rule matches when the subject or message holds any of them."
            value={words}
            onChange={setWords}
            error={errors.fields.words}
            rows={3}
          />
          <CheckboxGroup
            id={ids.languages}
            legend={labels.languages}
            hint="The language the message appears to be written in."
            options={routingLanguages.map((l) => ({ value: l.code, label: l.name }))}
            selected={languages}
            onChange={setLanguages}
            error={errors.fields.languages}
          />
        </fieldset>
        <fieldset className="usa-fieldset margin-top-3 caseline-rule-part">
          <legend className="usa-legend text-bold font-sans-md">Then</legend>
          <SelectField
            id={ids.businessArea}
            label={labels.businessArea}
            value={area}
            onChange={setArea}
            options={[
              { value: '', label: 'No change' },
              { value: 'none', label: 'Shared (no business area)' },
              ...areas.map((a) => ({ value: a, label: a })),
            ]}
            error={errors.fields.businessArea}
          />
          <SelectField
            id={ids.priority}
            label={labels.priority}
            value={priority}
            onChange={setPriority}
            options={[{ value: '', label: 'No change' }, ...casePriorities.map((p) => ({ value: p, label: priorityLabels[p] }))]}
            error={errors.fields.priority}
          />
          <TextField
            id={ids.tags}
            label={labels.tags}
            hint="Added to the case. Separated by commas: lower-case letters, digits and hyphens."
            value={tags}
            onChange={setTags}
            error={errors.fields.tags}
            autoComplete="off"
          />
          <SelectField
            id={ids.assignment}
            label={labels.assignment}
            value={assignment}
            onChange={setAssignment}
            options={[
              { value: '', label: 'Default (left in the queue)' },
              ...assignmentStrategies.map((s) => ({ value: s, label: assignmentLabels[s] })),
            ]}
            error={errors.fields.assignment}
          />
        </fieldset>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            {rule ? 'Save rule' : 'Add rule'}
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
