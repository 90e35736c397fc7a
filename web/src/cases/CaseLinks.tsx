import { useState, type FormEvent } from 'react';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { linkKinds, linkToCase, type CaseLink, type LinkKind } from '../api/cases.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { linkKindLabels } from './caseText.ts';

const noErrors: FormErrors = { fields: {} };
const labels = { kind: 'Kind', number: 'Number' };
const ids = { kind: 'case-link-kind', number: 'case-link-number' };

/** The articles, orders and pickups linked to the case, and a form to link another (POST …/links). */
export function CaseLinks({
  caseId,
  links,
  canEdit,
  onLinked,
}: {
  readonly caseId: string;
  readonly links: readonly CaseLink[];
  readonly canEdit: boolean;
  readonly onLinked: () => void;
}) {
  const { notify } = useNotifications();
  const [kind, setKind] = useState<LinkKind>('article');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!number.trim()) {
      setErrors({ fields: { number: `Enter the ${linkKindLabels[kind].toLowerCase()} number.` } });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const link = await linkToCase(caseId, kind, number.trim());
      notify('success', `${linkKindLabels[link.kind]} ${link.number} linked.`);
      setNumber('');
      onLinked();
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {links.length === 0 ? (
        <p>Nothing linked.</p>
      ) : (
        <ul className="usa-list usa-list--unstyled" data-testid="case-links">
          {links.map((l) => (
            <li key={l.id} className="margin-bottom-05">
              <span className="usa-tag bg-base-lighter text-ink caseline-tag margin-right-1">{linkKindLabels[l.kind]}</span>
              <span className="caseline-mono caseline-break">{l.number}</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details className="caseline-details margin-top-2" open={Object.keys(errors.fields).length > 0 || undefined}>
          <summary className="text-bold">Link an article, order or pickup</summary>
          <ErrorSummary errors={errors} fieldIds={ids} heading="Nothing was linked" />
          <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full">
            <Grid row gap className="flex-align-end">
              <Grid col={5}>
                <SelectField
                  id={ids.kind}
                  label={labels.kind}
                  value={kind}
                  onChange={(value) => setKind(value as LinkKind)}
                  options={linkKinds.map((k) => ({ value: k, label: linkKindLabels[k] }))}
                />
              </Grid>
              <Grid col={7}>
                <TextField
                  id={ids.number}
                  label={labels.number}
                  value={number}
                  onChange={setNumber}
                  error={errors.fields.number}
                  autoComplete="off"
                  maxLength={64}
                />
              </Grid>
            </Grid>
            <Button type="submit" outline disabled={busy} className="margin-top-2">
              Link
            </Button>
          </Form>
        </details>
      )}
    </>
  );
}
