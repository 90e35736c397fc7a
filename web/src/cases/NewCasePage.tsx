import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Fieldset, Form, FormGroup, Grid } from '@trussworks/react-uswds';
import { caseRecordTypes, casePriorities, openCase, type CaseChannel, type CasePriority, type NewCase } from '../api/cases.ts';
import { fetchCustomer, lookupCustomers, lookupMessage, type CustomerSummary } from '../api/customers.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { formatPhone } from '../customers/fieldText.ts';
import { channelLabels, priorityLabels } from './caseText.ts';

/** The channels an agent enters a case for; e-mail arrives by itself. */
const agentChannels: readonly CaseChannel[] = ['phone', 'letter', 'walk_in', 'fax', 'web'];

/** The record type a channel most often means, until the agent chooses one. */
const defaultRecordType: Record<CaseChannel, keyof typeof caseRecordTypes> = {
  phone: 'usps-880/call-center-contact',
  web: 'usps-880/usps-com-care',
  email: 'usps-880/usps-com-care',
  letter: 'usps-880/inquiry',
  walk_in: 'usps-880/inquiry',
  fax: 'usps-880/inquiry',
};

const labels = {
  customerId: 'Customer',
  find: 'Find the customer',
  sender: 'Sender',
  channel: 'Channel',
  recordType: 'Kind of inquiry',
  businessArea: 'Business area',
  priority: 'Priority',
  category: 'Category',
  title: 'Title',
  body: 'What the customer asked',
  tags: 'Tags',
} as const;
const ids = {
  customerId: 'case-customer',
  find: 'case-find',
  sender: 'case-sender-name',
  channel: 'case-channel',
  recordType: 'case-record-type',
  businessArea: 'case-area',
  priority: 'case-priority',
  category: 'case-category',
  title: 'case-title',
  body: 'case-body',
  tags: 'case-tags',
} as const;
const noErrors: FormErrors = { fields: {} };

type Who = 'customer' | 'sender';
interface Chosen {
  readonly id: string;
  readonly name: string;
  readonly businessArea: string | null;
}

function summaryLine(c: CustomerSummary): string {
  return [c.name, c.email, c.phone && formatPhone(c.phone), c.address ?? c.zip].filter(Boolean).join(' · ');
}

/**
 * POST /api/cases for a call, a letter, a walk-in, a fax or a web inquiry: for a registered
 * customer (found here, or given as ?customerId= from the customer's page) or for someone
 * not registered (a name, e-mail or phone). The inquiry becomes the case's first message.
 */
export function NewCasePage() {
  const session = useSession();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const [params, setParams] = useSearchParams();
  const givenId = params.get('customerId');
  const given = useLoad(() => (givenId ? fetchCustomer(givenId) : Promise.resolve(null)), [givenId]);

  const [who, setWho] = useState<Who>('customer');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[] | null>(null);
  const [picked, setPicked] = useState<Chosen | null>(null);
  const [sender, setSender] = useState({ name: '', email: '', phone: '' });
  const [channel, setChannel] = useState<CaseChannel>('phone');
  const [recordType, setRecordType] = useState<string | null>(null);
  const [priority, setPriority] = useState<CasePriority>('normal');
  const [area, setArea] = useState('');
  const [category, setCategory] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const fromPage: Chosen | null = given.data ? { id: given.data.id, name: given.data.name, businessArea: given.data.businessArea } : null;
  const customer = givenId ? fromPage : who === 'customer' ? picked : null;
  const forSender = !givenId && who === 'sender';
  // A customer in a business area fixes the case's area (its text is encrypted under the customer's key).
  const areaFixed = customer?.businessArea ?? null;
  const effectiveRecordType = recordType ?? defaultRecordType[channel];

  const find = async () => {
    if (!q.trim()) {
      setErrors({ fields: { find: 'Enter a name, e-mail address, phone number or ZIP code to find the customer.' } });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const answer = await lookupCustomers(q.trim());
      const customers = answer.results.map((r) => r.customer);
      setFound(customers);
      const first = customers[0];
      setPicked(first ? { id: first.id, name: first.name, businessArea: first.businessArea } : null);
    } catch (error) {
      setErrors({ fields: { find: lookupMessage(error) } });
      setFound(null);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!forSender && !customer)
      checks[givenId ? 'customerId' : 'find'] = 'Find and choose the customer, or choose “Someone not registered”.';
    if (forSender && !sender.name.trim() && !sender.email.trim() && !sender.phone.trim())
      checks.sender = 'Give the sender’s name, e-mail address or phone number.';
    if (!title.trim()) checks.title = 'Enter a title: what the case is about, in a few words.';
    if (!body.trim()) checks.body = 'Enter what the customer asked.';
    if (Object.keys(checks).length) {
      setErrors({ fields: checks });
      return;
    }
    const tagList = tags
      .split(/[,\s]+/)
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
    const input: NewCase = {
      ...(customer ? { customerId: customer.id } : {}),
      ...(forSender
        ? { sender: { name: sender.name.trim() || null, email: sender.email.trim() || null, phone: sender.phone.trim() || null } }
        : {}),
      channel,
      recordType: effectiveRecordType,
      priority,
      title: title.trim(),
      body: body.trim(),
      ...(category.trim() ? { category: category.trim() } : {}),
      ...(tagList.length ? { tags: tagList } : {}),
      ...(areaFixed === null && area ? { businessArea: area === 'none' ? null : area } : {}),
    };
    setBusy(true);
    setErrors(noErrors);
    try {
      const opened = await openCase(input);
      notify('success', `Case ${opened.number} opened.`);
      navigate(`/cases/${opened.id}`);
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
      setBusy(false);
    }
  };

  if (givenId && given.loading && !given.data) return <Loading />;
  if (givenId && given.error)
    return (
      <Page title="New case">
        <LoadError what="the customer" error={given.error} onRetry={given.reload} />
      </Page>
    );

  return (
    <Page title="New case">
      <p className="usa-intro">Record a call, a letter, a walk-in visit, a fax or a web inquiry as a case.</p>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The case was not opened" />
      <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
        {givenId && fromPage ? (
          <div className="caseline-chosen-customer" id={ids.customerId} data-testid="case-customer">
            <span className="text-bold">Customer: </span>
            {fromPage.name}
            {fromPage.businessArea && <span className="usa-hint"> (business area {fromPage.businessArea})</span>}
            <Button type="button" unstyled className="margin-left-2" onClick={() => setParams({})}>
              Choose another customer
            </Button>
            {errors.fields.customerId && <span className="usa-error-message display-block">{errors.fields.customerId}</span>}
          </div>
        ) : (
          <>
            <RadioGroup
              name="case-who"
              legend="Who is the case for?"
              options={[
                { value: 'customer', label: 'A registered customer' },
                { value: 'sender', label: 'Someone not registered' },
              ]}
              value={who}
              onChange={setWho}
            />
            {who === 'customer' ? (
              <>
                <Grid row gap className="flex-align-end">
                  <Grid tablet={{ col: 8 }}>
                    <TextField
                      id={ids.find}
                      label={labels.find}
                      hint="Name, e-mail address, phone number or ZIP code."
                      value={q}
                      onChange={setQ}
                      error={errors.fields.find}
                      autoComplete="off"
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') {
                          event.preventDefault();
                          void find();
                        }
                      }}
                    />
                  </Grid>
                  <Grid tablet={{ col: 4 }}>
                    <Button type="button" outline disabled={busy} onClick={() => void find()}>
                      Find customer
                    </Button>
                  </Grid>
                </Grid>
                {found && found.length === 0 && (
                  <p role="status">No customer matches. Register the customer first, or choose “Someone not registered”.</p>
                )}
                {found && found.length > 0 && (
                  <RadioGroup
                    id={ids.customerId}
                    name="case-customer"
                    legend="Customer"
                    options={found.map((c) => ({ value: c.id, label: summaryLine(c) }))}
                    value={picked?.id}
                    onChange={(id) => {
                      const c = found.find((f) => f.id === id)!;
                      setPicked({ id: c.id, name: c.name, businessArea: c.businessArea });
                    }}
                  />
                )}
              </>
            ) : (
              <FormGroup error={Boolean(errors.fields.sender)}>
                <Fieldset legend="Sender">
                  <div className="usa-hint">At least one of the three.</div>
                  {errors.fields.sender && <span className="usa-error-message">{errors.fields.sender}</span>}
                  <TextField
                    id="case-sender-name"
                    label="Name"
                    value={sender.name}
                    onChange={(name) => setSender((s) => ({ ...s, name }))}
                    autoComplete="off"
                    maxLength={200}
                  />
                  <TextField
                    id="case-sender-email"
                    label="E-mail address"
                    type="email"
                    value={sender.email}
                    onChange={(email) => setSender((s) => ({ ...s, email }))}
                    autoComplete="off"
                    maxLength={320}
                  />
                  <TextField
                    id="case-sender-phone"
                    label="Phone number"
                    type="tel"
                    value={sender.phone}
                    onChange={(phone) => setSender((s) => ({ ...s, phone }))}
                    autoComplete="off"
                    maxLength={40}
                  />
                </Fieldset>
              </FormGroup>
            )}
          </>
        )}

        <Grid row gap>
          <Grid tablet={{ col: 6 }}>
            <SelectField
              id={ids.channel}
              label={labels.channel}
              value={channel}
              onChange={(value) => setChannel(value as CaseChannel)}
              options={agentChannels.map((c) => ({ value: c, label: channelLabels[c] }))}
              error={errors.fields.channel}
            />
          </Grid>
          <Grid tablet={{ col: 6 }}>
            <SelectField
              id={ids.priority}
              label={labels.priority}
              value={priority}
              onChange={(value) => setPriority(value as CasePriority)}
              options={casePriorities.map((p) => ({ value: p, label: priorityLabels[p] }))}
              error={errors.fields.priority}
            />
          </Grid>
        </Grid>
        <SelectField
          id={ids.recordType}
          label={labels.recordType}
          hint="Decides how long the case is kept."
          value={effectiveRecordType}
          onChange={setRecordType}
          options={Object.entries(caseRecordTypes).map(([value, label]) => ({ value, label }))}
          error={errors.fields.recordType}
        />
        {areaFixed !== null ? (
          <p className="margin-top-3">
            <span className="text-bold">Business area:</span> {areaFixed} (the customer’s)
          </p>
        ) : (
          session.businessAreas.length > 0 && (
            <SelectField
              id={ids.businessArea}
              label={labels.businessArea}
              hint="Which queue the case goes to."
              value={area}
              onChange={setArea}
              options={[
                { value: '', label: 'Decided by the routing rules' },
                { value: 'none', label: 'Shared (no business area)' },
                ...session.businessAreas.map((a) => ({ value: a, label: a })),
              ]}
              error={errors.fields.businessArea}
            />
          )
        )}
        <TextField
          id={ids.title}
          label={labels.title}
          hint="What the case is about, in a few words."
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
          hint="In the customer’s words, as far as you can. It becomes the case’s first message."
          value={body}
          onChange={setBody}
          error={errors.fields.body}
          rows={6}
          aria-required
        />
        <Grid row gap>
          <Grid tablet={{ col: 6 }}>
            <TextField
              id={ids.category}
              label={labels.category}
              hint="Optional."
              value={category}
              onChange={setCategory}
              error={errors.fields.category}
              maxLength={60}
              autoComplete="off"
            />
          </Grid>
          <Grid tablet={{ col: 6 }}>
            <TextField
              id={ids.tags}
              label={labels.tags}
              hint="Optional. Separated by commas: lowercase letters, digits and hyphens."
              value={tags}
              onChange={setTags}
              error={errors.fields.tags}
              autoComplete="off"
            />
          </Grid>
        </Grid>
        <Button type="submit" disabled={busy} className="margin-top-3">
          Open case
        </Button>
      </Form>
    </Page>
  );
}
