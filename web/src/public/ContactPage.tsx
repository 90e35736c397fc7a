import { useState, type CSSProperties, type FormEvent } from 'react';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { ApiError, fieldErrors } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { PublicFrame } from '../frame/PublicFrame.tsx';
import { useLoad } from '../util/useLoad.ts';
import { fetchInquiryForm, sendInquiry } from './inquiryApi.ts';

const labels = {
  name: 'Your name',
  email: 'E-mail address',
  phone: 'Phone number (optional)',
  category: 'What is it about?',
  subject: 'Subject',
  message: 'Your message',
} as const;
type Field = keyof typeof labels;
const ids: Record<Field, string> = {
  name: 'inquiry-name',
  email: 'inquiry-email',
  phone: 'inquiry-phone',
  category: 'inquiry-category',
  subject: 'inquiry-subject',
  message: 'inquiry-message',
};
const required: Partial<Record<Field, string>> = {
  name: 'Enter your name.',
  email: 'Enter your e-mail address.',
  subject: 'Enter a subject.',
  message: 'Enter your message.',
};
const empty: Record<Field, string> = { name: '', email: '', phone: '', category: '', subject: '', message: '' };
const noErrors: FormErrors = { fields: {} };

/** Off-screen and out of the accessibility tree: people never meet the honeypot, only form-filling machines do. */
const hidden: CSSProperties = { position: 'absolute', left: '-10000px', top: 'auto', width: '1px', height: '1px', overflow: 'hidden' };

/**
 * The public inquiry form (/contact, no sign-in). The answer is the case number; a form
 * the server calls expired (left open too long) is replaced by a fresh one and the person
 * is asked to send again, keeping what they wrote.
 */
export function ContactPage() {
  const [round, setRound] = useState(0);
  const form = useLoad(() => fetchInquiryForm(), [round]);
  const [values, setValues] = useState(empty);
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [caseNumber, setCaseNumber] = useState<string | null>(null);
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form.data || busy) return;
    const checks: Partial<Record<Field, string>> = {};
    for (const [field, message] of Object.entries(required) as [Field, string][]) if (!values[field].trim()) checks[field] = message;
    if (!values.category) checks.category = 'Choose what your message is about.';
    if (Object.keys(checks).length > 0) {
      setErrors({ fields: checks });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const received = await sendInquiry({
        token: form.data.token,
        name: values.name,
        email: values.email,
        phone: values.phone.trim() || null,
        category: values.category,
        subject: values.subject,
        message: values.message,
        website,
      });
      setCaseNumber(received.caseNumber);
    } catch (error) {
      if (error instanceof ApiError && 'token' in fieldErrors(error.problem)) {
        setErrors({ summary: 'This form had expired. We have renewed it: please send your message again.', fields: {} });
        setRound((r) => r + 1);
      } else setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      <Page title="Contact us">
        {caseNumber ? (
          <Alert type="success" role="status" data-testid="inquiry-received">
            <h2 className="usa-alert__heading">We received your message</h2>
            <p className="usa-alert__text">
              Your case number is <strong data-testid="inquiry-case-number">{caseNumber}</strong>. Quote it when you write or call about
              this message.
            </p>
          </Alert>
        ) : form.error && !form.data ? (
          <LoadError what="the contact form" error={form.error} onRetry={form.reload} />
        ) : !form.data ? (
          <Loading />
        ) : (
          <>
            <p className="usa-intro">Send us your question or complaint. You do not need an account.</p>
            <p className="usa-hint">All fields are required unless marked optional.</p>
            <ErrorSummary errors={errors} fieldIds={ids} heading="Your message was not sent" />
            <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
              <TextField
                id={ids.name}
                label={labels.name}
                value={values.name}
                onChange={set('name')}
                error={errors.fields.name}
                autoComplete="name"
                maxLength={200}
                aria-required
              />
              <TextField
                id={ids.email}
                label={labels.email}
                type="email"
                value={values.email}
                onChange={set('email')}
                error={errors.fields.email}
                autoComplete="email"
                maxLength={320}
                hint="We answer by e-mail."
                aria-required
              />
              <TextField
                id={ids.phone}
                label={labels.phone}
                type="tel"
                value={values.phone}
                onChange={set('phone')}
                error={errors.fields.phone}
                autoComplete="tel"
                maxLength={40}
              />
              <SelectField
                id={ids.category}
                label={labels.category}
                value={values.category}
                onChange={set('category')}
                options={[{ value: '', label: '- Select -' }, ...form.data.categories.map((c) => ({ value: c.id, label: c.label }))]}
                error={errors.fields.category}
              />
              <TextField
                id={ids.subject}
                label={labels.subject}
                value={values.subject}
                onChange={set('subject')}
                error={errors.fields.subject}
                maxLength={300}
                autoComplete="off"
                aria-required
              />
              <TextAreaField
                id={ids.message}
                label={labels.message}
                value={values.message}
                onChange={set('message')}
                error={errors.fields.message}
                rows={8}
                maxLength={20000}
                hint="Include any tracking, order or case numbers."
                aria-required
              />
              <div aria-hidden="true" style={hidden}>
                <label htmlFor="inquiry-website">Website</label>
                <input
                  id="inquiry-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onChange={(e) => setWebsite(e.target.value)}
                />
              </div>
              <Button type="submit" disabled={busy} data-testid="inquiry-send">
                {busy ? 'Sending…' : 'Send message'}
              </Button>
            </Form>
          </>
        )}
      </Page>
    </PublicFrame>
  );
}
