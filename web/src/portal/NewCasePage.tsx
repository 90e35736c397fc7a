import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi } from './portalApi.ts';
import { present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { title: 'Subject', body: 'Your question' };
const ids = { title: 'new-case-title', body: 'new-case-body' };

/** /portal/cases/new: a question becomes a case; its number is what to quote when writing or calling. */
export function NewCasePage() {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { notify } = useNotifications();
  const navigate = useNavigate();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = present({
      title: title.trim() ? undefined : 'Enter a subject.',
      body: body.trim() ? undefined : 'Enter your question.',
    });
    if (!fromChecks(checks) || busy) return;
    setBusy(true);
    try {
      const opened = await portalApi.openCase(title.trim(), body);
      notify('success', `We received your question. Your case number is ${opened.number}.`);
      void navigate(`/portal/cases/${opened.id}`);
    } catch (error) {
      setBusy(false);
      fromError(error);
    }
  };

  return (
    <Page title="Ask a question">
      <p className="usa-intro">Your question becomes a case with its own number. Our answer appears on the case, under My cases.</p>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your question was not sent" />
      <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
        <TextField
          id={ids.title}
          label={labels.title}
          hint="A few words, such as “Parcel not delivered”."
          value={title}
          onChange={setTitle}
          error={errors.fields.title}
          maxLength={300}
          autoComplete="off"
          aria-required
        />
        <TextAreaField
          id={ids.body}
          label={labels.body}
          hint="Include any tracking, order or case numbers."
          value={body}
          onChange={setBody}
          error={errors.fields.body}
          rows={8}
          maxLength={100000}
          aria-required
        />
        <div className="caseline-actions margin-top-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send question'}
          </Button>
          <Link to="/portal/cases" className="usa-link">
            Cancel
          </Link>
        </div>
      </Form>
    </Page>
  );
}
