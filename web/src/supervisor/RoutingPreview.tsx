import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import type { CaseChannel } from '../api/cases.ts';
import { customerTypes, previewRouting, routingLanguages, type CustomerType, type RoutingDecision } from '../api/routing.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { actionParts } from './ruleText.ts';
import { channelOptions, customerTypeLabels } from './RuleForm.tsx';

const labels = { channel: 'Channel', category: 'Category', customerType: 'Customer type', title: 'Subject', body: 'Message' };
const ids = {
  channel: 'route-channel',
  category: 'route-category',
  customerType: 'route-customer-type',
  title: 'route-title',
  body: 'route-body',
};

/** "Which rule would fire?": routes a sample inquiry (POST /api/routing/preview, the text in the body) without opening a case. */
export function RoutingPreview() {
  const { errors, fromError, clear } = useFormErrors(labels);
  const [channel, setChannel] = useState<string>('email');
  const [category, setCategory] = useState('');
  const [customerType, setCustomerType] = useState<string>('person');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState<RoutingDecision | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    clear();
    try {
      setDecision(
        await previewRouting({
          channel: channel as CaseChannel,
          category: category.trim() || null,
          customerType: customerType as CustomerType,
          title,
          body,
        }),
      );
    } catch (error) {
      setDecision(null);
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const language = decision?.language ? (routingLanguages.find((l) => l.code === decision.language)?.name ?? decision.language) : null;
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The sample could not be routed" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="routing-preview">
        <SelectField
          id={ids.channel}
          label={labels.channel}
          value={channel}
          onChange={setChannel}
          options={channelOptions}
          error={errors.fields.channel}
        />
        <TextField
          id={ids.category}
          label={labels.category}
          value={category}
          onChange={setCategory}
          error={errors.fields.category}
          autoComplete="off"
        />
        <SelectField
          id={ids.customerType}
          label={labels.customerType}
          value={customerType}
          onChange={setCustomerType}
          options={customerTypes.map((t) => ({ value: t, label: customerTypeLabels[t] }))}
          error={errors.fields.customerType}
        />
        <TextField
          id={ids.title}
          label={labels.title}
          value={title}
          onChange={setTitle}
          error={errors.fields.title}
          maxLength={300}
          autoComplete="off"
        />
        <TextAreaField id={ids.body} label={labels.body} value={body} onChange={setBody} error={errors.fields.body} rows={4} />
        <Button type="submit" disabled={busy} className="margin-top-2">
          Which rule would fire?
        </Button>
      </Form>
      <div role="status" aria-live="polite" className="margin-top-2" data-testid="routing-decision">
        {decision && (
          <div className="usa-summary-box">
            <div className="usa-summary-box__body">
              <h3 className="usa-summary-box__heading">
                {decision.rule ? `Rule “${decision.rule.name}” would fire` : 'No rule would fire'}
              </h3>
              <div className="usa-summary-box__text">
                {decision.rule ? (
                  <ul className="usa-list">
                    {actionParts(decision.actions).map((part) => (
                      <li key={part}>{part}</li>
                    ))}
                    {actionParts(decision.actions).length === 0 && <li>It changes nothing.</li>}
                  </ul>
                ) : (
                  <p>The case keeps the business area and priority it was opened with, and waits in its queue.</p>
                )}
                <p className="margin-bottom-0">Language detected: {language ?? 'none (too short or mixed)'}.</p>
              </div>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
