import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, Form } from '@trussworks/react-uswds';
import type { Customer } from '../api/customers.ts';
import {
  createMailing,
  entryLabels,
  fetchMailingPerformance,
  formatPostage,
  listMailings,
  mailClassLabels,
  mailingStatusLabels,
  nextStatuses,
  permitTypeLabels,
  presortLevelLabels,
  processingCategoryLabels,
  replyKindLabels,
  updateMailing,
  type Mailing,
  type MailingStatus,
} from '../api/mailings.ts';
import { EntryForm } from '../forms/EntryForm.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { formatDay } from './coaParts.tsx';
import { CustomerSection } from './CustomerSection.tsx';
import { MailingPerformanceView } from './MailingPerformance.tsx';
import { MailingTable } from './MailingTable.tsx';

const prefix = 'mailing';
const gramsPerPound = 453.59237;

/** Error labels by the server's field names ('/body/serialLast' → 'serialLast'). */
const labels: Readonly<Record<string, string>> = {
  mailingId: 'Mailing ID',
  mailerId: 'Mailer ID',
  serialFirst: 'First IMb serial',
  serialLast: 'Last IMb serial',
  postageStatement: 'Postage statement number',
  mailingDate: 'Mailing date',
  mailClass: 'Mail class',
  processingCategory: 'Processing category',
  priceCategory: 'Price category',
  presortLevel: 'Presort level',
  pieceCount: 'Mailpiece count',
  weightGrams: 'Total weight',
  postageCents: 'Postage amount',
  permitNumber: 'Permit number',
  permitType: 'Permit type',
  containerLabels: 'Container labels',
  entry: 'Entry',
  dropShipCode: 'Drop ship code',
  appointmentAt: 'Induction appointment',
  reply: 'Reply mailpieces',
  problems: 'Mailing problems',
  status: 'Status',
};
const ids: Readonly<Record<string, string>> = Object.fromEntries(Object.keys(labels).map((k) => [k, `${prefix}-${k}`]));
const noErrors: FormErrors = { fields: {} };

const options = (entries: Readonly<Record<string, string>>, choose = true) => [
  ...(choose ? [{ value: '', label: '- Choose -' }] : []),
  ...Object.entries(entries).map(([value, label]) => ({ value, label })),
];

/** Digits only, as a number; null when the text is not a whole number. */
const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);
const decimal = (text: string): number | null => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : null);

/** Enter a mailing from its postage statement (POST /api/customers/:id/mailings). */
function MailingForm({
  customer,
  onEntered,
  onCancel,
}: {
  readonly customer: Customer;
  readonly onEntered: (mailing: Mailing) => void;
  readonly onCancel: () => void;
}) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [draft, setDraft] = useState<Record<string, string>>({ entry: 'origin', permitType: 'permit_imprint', replyKind: '' });
  const [busy, setBusy] = useState(false);
  const value = (key: string) => draft[key] ?? '';
  const set = (key: string) => (text: string) => setDraft((d) => ({ ...d, [key]: text }));
  const parcels = value('processingCategory') === 'parcels';
  const destination = value('entry') !== 'origin';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    for (const key of ['mailingId', 'mailerId', 'postageStatement', 'mailingDate', 'priceCategory', 'permitNumber'])
      if (!value(key).trim()) checks[key] = `Enter the ${labels[key]!.toLowerCase()}.`;
    for (const key of ['mailClass', 'processingCategory', 'presortLevel'])
      if (!value(key)) checks[key] = `Choose the ${labels[key]!.toLowerCase()}.`;
    const pieceCount = wholeNumber(value('pieceCount'));
    if (pieceCount === null) checks.pieceCount = 'Enter the mailpiece count as a whole number.';
    const pounds = decimal(value('weight'));
    if (pounds === null) checks.weightGrams = 'Enter the total weight in pounds, such as 12.5.';
    const dollars = decimal(value('postage'));
    if (dollars === null) checks.postageCents = 'Enter the postage amount in dollars, such as 441.00.';
    const serialFirst = parcels ? null : wholeNumber(value('serialFirst'));
    const serialLast = parcels ? null : wholeNumber(value('serialLast'));
    if (!parcels && serialFirst === null) checks.serialFirst = 'Enter the first IMb serial number of the pieces.';
    if (!parcels && serialLast === null) checks.serialLast = 'Enter the last IMb serial number of the pieces.';
    if (destination && !value('dropShipCode').trim()) checks.dropShipCode = 'Enter the destination facility’s drop ship code.';
    if (value('replyKind') && !value('replyPermit').trim()) checks.reply = 'Enter the reply permit number.';
    setErrors({ fields: checks });
    if (Object.keys(checks).length > 0) return;
    setBusy(true);
    try {
      const appointment = value('appointmentAt');
      onEntered(
        await createMailing(customer.id, {
          mailingId: value('mailingId').trim(),
          mailerId: value('mailerId').trim(),
          serialFirst,
          serialLast,
          postageStatement: value('postageStatement').trim(),
          mailingDate: value('mailingDate'),
          mailClass: value('mailClass'),
          processingCategory: value('processingCategory'),
          priceCategory: value('priceCategory').trim(),
          presortLevel: value('presortLevel'),
          pieceCount: pieceCount!,
          weightGrams: Math.round(pounds! * gramsPerPound),
          postageCents: Math.round(dollars! * 100),
          permitNumber: value('permitNumber').trim(),
          permitType: value('permitType'),
          containerLabels: value('containerLabels')
            .split(/\n+/)
            .map((l) => l.trim())
            .filter(Boolean),
          entry: value('entry'),
          dropShipCode: destination ? value('dropShipCode').trim() : null,
          // The browser's own time zone: the appointment is an instant, sent with its offset.
          appointmentAt: appointment ? new Date(appointment).toISOString() : null,
          reply: value('replyKind')
            ? { kind: value('replyKind') as keyof typeof replyKindLabels, permitNumber: value('replyPermit').trim() }
            : null,
          problems: value('problems').trim() || null,
        }),
      );
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: string,
    hint?: string,
    extra: { type?: 'date' | 'datetime-local'; maxLength?: number; inputMode?: 'numeric' | 'decimal' } = {},
  ) => (
    <TextField
      id={ids[key] ?? `${prefix}-${key}`}
      label={labels[key] ?? key}
      hint={hint}
      value={value(key)}
      onChange={set(key)}
      error={errors.fields[key]}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <EntryForm
      errors={errors}
      fieldIds={ids}
      errorHeading="The mailing was not entered"
      testId="mailing-form"
      onSubmit={submit}
      busy={busy}
      label="Enter mailing"
      busyLabel="Entering…"
      onCancel={onCancel}
    >
      <Fieldset legend="Mailer and mailing" className="margin-top-2">
        {text('mailingId', 'The mailer’s own id for the job, as on the statement.', { maxLength: 40 })}
        {text('mailerId', 'In the pieces’ Intelligent Mail barcode: 6 digits, or 9 digits starting with 9.', {
          maxLength: 9,
          inputMode: 'numeric',
        })}
        {text('postageStatement', undefined, { maxLength: 20 })}
        {text('mailingDate', 'The statement’s mailing date.', { type: 'date' })}
      </Fieldset>
      <Fieldset legend="Postage statement" className="margin-top-3">
        <SelectField
          id={ids.mailClass!}
          label={labels.mailClass}
          value={value('mailClass')}
          onChange={set('mailClass')}
          options={options(mailClassLabels)}
          error={errors.fields.mailClass}
        />
        <SelectField
          id={ids.processingCategory!}
          label={labels.processingCategory}
          value={value('processingCategory')}
          onChange={set('processingCategory')}
          options={options(processingCategoryLabels)}
          error={errors.fields.processingCategory}
        />
        {text('priceCategory', 'For example Automation, Nonautomation, Saturation.', { maxLength: 60 })}
        <SelectField
          id={ids.presortLevel!}
          label={labels.presortLevel}
          value={value('presortLevel')}
          onChange={set('presortLevel')}
          options={options(presortLevelLabels)}
          error={errors.fields.presortLevel}
        />
        {text('pieceCount', 'The number of mailpieces (volume).', { inputMode: 'numeric' })}
        <TextField
          id={ids.weightGrams!}
          label="Total weight (pounds)"
          value={value('weight')}
          onChange={set('weight')}
          error={errors.fields.weightGrams}
          inputMode="decimal"
        />
        <TextField
          id={ids.postageCents!}
          label="Postage amount (dollars)"
          value={value('postage')}
          onChange={set('postage')}
          error={errors.fields.postageCents}
          inputMode="decimal"
        />
        {text('permitNumber', '1 to 8 digits.', { maxLength: 8, inputMode: 'numeric' })}
        <SelectField
          id={ids.permitType!}
          label={labels.permitType}
          value={value('permitType')}
          onChange={set('permitType')}
          options={options(permitTypeLabels, false)}
          error={errors.fields.permitType}
        />
      </Fieldset>
      {!parcels && (
        <Fieldset legend="Pieces’ IMb serial numbers" className="margin-top-3">
          <div className="usa-hint">The range the pieces’ serials fall in: the performance counts the scans of those pieces.</div>
          {text('serialFirst', undefined, { inputMode: 'numeric' })}
          {text('serialLast', undefined, { inputMode: 'numeric' })}
        </Fieldset>
      )}
      <Fieldset legend="Entry and containers" className="margin-top-3">
        <SelectField
          id={ids.entry!}
          label={labels.entry}
          hint="Destination entry (drop ship) records are kept 2 years."
          value={value('entry')}
          onChange={set('entry')}
          options={options(entryLabels, false)}
          error={errors.fields.entry}
        />
        {destination && text('dropShipCode', 'The destination facility’s code.', { maxLength: 12 })}
        {text('appointmentAt', 'Required for DNDC and DSCF entry; on the mailing date or within 30 days after.', {
          type: 'datetime-local',
        })}
        <TextAreaField
          id={ids.containerLabels!}
          label={labels.containerLabels}
          hint="The 24-digit Intelligent Mail container barcodes of the trays, sacks and pallets, one per line."
          value={value('containerLabels')}
          onChange={set('containerLabels')}
          error={errors.fields.containerLabels}
          rows={3}
        />
      </Fieldset>
      <Fieldset legend="Reply mailpieces" className="margin-top-3">
        <SelectField
          id={ids.reply!}
          label="Reply mail enclosed"
          value={value('replyKind')}
          onChange={set('replyKind')}
          options={[{ value: '', label: 'None' }, ...options(replyKindLabels, false)]}
          error={errors.fields.reply}
        />
        {value('replyKind') && (
          <TextField id={`${prefix}-replyPermit`} label="Reply permit number" value={value('replyPermit')} onChange={set('replyPermit')} />
        )}
      </Fieldset>
      <TextAreaField
        id={ids.problems!}
        label={labels.problems}
        hint="What went wrong with the mailing, if anything. Kept encrypted."
        value={value('problems')}
        onChange={set('problems')}
        error={errors.fields.problems}
        maxLength={4000}
        rows={3}
      />
    </EntryForm>
  );
}

/** Status and problem notes of one mailing (PATCH /api/mailings/:id). */
function MailingUpdateForm({ mailing, onUpdated }: { readonly mailing: Mailing; readonly onUpdated: (m: Mailing) => void }) {
  const [status, setStatus] = useState<MailingStatus | ''>('');
  const [problems, setProblems] = useState(mailing.problems ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const next = nextStatuses[mailing.status];
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      const updated = await updateMailing(mailing.id, { ...(status ? { status } : {}), problems: problems.trim() || null });
      setErrors(noErrors);
      setStatus('');
      onUpdated(updated);
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ status: `${prefix}-update-status`, problems: `${prefix}-update-problems` }} />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="mailing-update">
        {next.length > 0 && (
          <SelectField
            id={`${prefix}-update-status`}
            label="Move the status to"
            value={status}
            onChange={(v) => setStatus(v as MailingStatus | '')}
            options={[
              { value: '', label: `Keep: ${mailingStatusLabels[mailing.status]}` },
              ...next.map((s) => ({ value: s, label: mailingStatusLabels[s] })),
            ]}
            error={errors.fields.status}
          />
        )}
        <TextAreaField
          id={`${prefix}-update-problems`}
          label={labels.problems}
          value={problems}
          onChange={setProblems}
          error={errors.fields.problems}
          maxLength={4000}
          rows={3}
        />
        <Button type="submit" disabled={busy} className="margin-top-2">
          {busy ? 'Saving…' : 'Save'}
        </Button>
      </Form>
    </>
  );
}

/** One mailing: its statement data, and how its pieces are doing. */
function MailingDetail({
  mailing,
  canEdit,
  onUpdated,
}: {
  readonly mailing: Mailing;
  readonly canEdit: boolean;
  readonly onUpdated: (m: Mailing) => void;
}) {
  const performance = useLoad(() => fetchMailingPerformance(mailing.id), [mailing.id, mailing.updatedAt]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [mailing.id]);
  const m = mailing;
  return (
    <section aria-labelledby="mailing-detail-heading" className="margin-top-3 border-top border-base-lighter" data-testid="mailing-detail">
      <h3 id="mailing-detail-heading" ref={heading} tabIndex={-1} className="caseline-focus-heading">
        Mailing {m.mailingId}
      </h3>
      <dl className="caseline-fields caseline-fields--narrow">
        <div className="caseline-fields__row">
          <dt>Mailer ID</dt>
          <dd>{m.mailerId}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>IMb serials</dt>
          <dd>{m.serialFirst === null ? 'None (parcels)' : `${m.serialFirst} to ${m.serialLast}`}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Postage statement</dt>
          <dd>
            {m.postageStatement}, mailing date {formatDay(m.mailingDate)}
          </dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Class and presort</dt>
          <dd>
            {mailClassLabels[m.mailClass]} {processingCategoryLabels[m.processingCategory].toLowerCase()}, {m.priceCategory},{' '}
            {presortLevelLabels[m.presortLevel]}
          </dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Volume</dt>
          <dd>
            {m.pieceCount.toLocaleString()} pieces, {(m.weightGrams / gramsPerPound).toFixed(1)} lb, postage {formatPostage(m.postageCents)}
          </dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Permit</dt>
          <dd>
            {m.permitNumber} ({permitTypeLabels[m.permitType]})
          </dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Entry</dt>
          <dd>
            {entryLabels[m.entry]}
            {m.dropShipCode && `, drop ship code ${m.dropShipCode}`}
            {m.appointmentAt && `, appointment ${formatDateTime(m.appointmentAt)}`}
          </dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Container labels</dt>
          <dd>{m.containerLabels.length === 0 ? 'None' : m.containerLabels.join(', ')}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Reply mailpieces</dt>
          <dd>{m.reply ? `${replyKindLabels[m.reply.kind]}, permit ${m.reply.permitNumber}` : 'None'}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Status</dt>
          <dd>{mailingStatusLabels[m.status]}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Problems</dt>
          <dd className="caseline-break">{m.problems ?? 'None recorded'}</dd>
        </div>
        <div className="caseline-fields__row">
          <dt>Kept until</dt>
          <dd>{m.disposeAfter ? formatDateTime(m.disposeAfter) : '4 years after the customer relationship ends'}</dd>
        </div>
      </dl>
      <h4>Performance</h4>
      {performance.error ? (
        <LoadError what="the mailing’s performance" error={performance.error} onRetry={performance.reload} />
      ) : !performance.data ? (
        <Loading />
      ) : (
        <MailingPerformanceView performance={performance.data} />
      )}
      {canEdit && (
        <>
          <h4>Status and problems</h4>
          <MailingUpdateForm key={m.updatedAt} mailing={m} onUpdated={onUpdated} />
        </>
      )}
    </section>
  );
}

/**
 * An organisation customer's mailings (820.200 "Data on mailings"), latest mailing date first;
 * the entry form for those who may enter one, and each mailing's detail with its performance.
 * A person mails no business mailings: nothing is shown, nothing asked of the server.
 */
export function Mailings({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  return customer.kind === 'organisation' ? <OrganisationMailings customer={customer} canEnter={canEnter} /> : null;
}

function OrganisationMailings({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const mailings = useLoad(() => listMailings(customer.id), [customer.id]);
  const [open, setOpen] = useState<Mailing | null>(null);

  const updated = (mailing: Mailing) => {
    setOpen(mailing);
    mailings.reload();
  };
  return (
    <CustomerSection
      headingId="mailings-heading"
      title="Mailings"
      testId="mailings"
      records={mailings}
      what="the mailings"
      empty={<p data-testid="no-mailings">No mailing has been entered for this customer.</p>}
      after={open && <MailingDetail mailing={open} canEdit={canEnter} onUpdated={updated} />}
      canEnter={canEnter}
      enterLabel="Enter a mailing"
      formHeadingId="mailing-form-heading"
      form={(onEntered, onCancel) => <MailingForm customer={customer} onEntered={onEntered} onCancel={onCancel} />}
      result={(entered) => (
        <Alert type="success" className="margin-y-2" slim data-testid="mailing-entered">
          <p className="usa-alert__text">
            Mailing {entered.mailingId} entered,{' '}
            {entered.recordType === 'usps-820/drop-ship' ? 'a drop ship record' : 'a business mailing record'}.
          </p>
        </Alert>
      )}
      onEntered={setOpen}
    >
      {(data) => (
        <MailingTable
          mailings={data}
          caption="Mailings, latest mailing date first"
          open={open}
          onOpen={setOpen}
          rowsTestId="mailing-rows"
          withStatement
        />
      )}
    </CustomerSection>
  );
}
