import { useState, type FormEvent } from 'react';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { endActions, holdDateHints, holdLimits, type EndAction } from '../api/hold-mail.ts';
import { problemMessage } from '../api/problem.ts';
import { DateRangeFields, emptyDays, type DayPair } from '../forms/DateRangeFields.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { LoadedList } from '../frame/LoadedList.tsx';
import { Page } from '../frame/Page.tsx';
import { addressText, formatDay } from '../tracking/coaParts.tsx';
import { useLoad } from '../util/useLoad.ts';
import { holdMailApi, type PortalHold } from './holdMailApi.ts';
import { ForAddressOfRecord, RequestForm, RequestOutcome } from './requestParts.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const prefix = 'portal-hold';
/** Error labels by the field the server names ('/body/endDate' → 'endDate'). */
const labels: Readonly<Record<string, string>> = {
  addressId: 'The address',
  beginDate: 'The first day',
  endDate: 'The last day',
  endAction: 'What happens at the end',
  instructions: 'Your instructions',
};
const ids: Readonly<Record<string, string>> = {
  addressId: `${prefix}-address`,
  beginDate: `${prefix}-begin`,
  endDate: `${prefix}-end`,
  endAction: `${prefix}-end-action`,
  instructions: `${prefix}-instructions`,
};

const endActionText: Readonly<Record<EndAction, string>> = {
  deliver: 'Deliver all my held mail on the last day',
  pickup: 'I will collect my held mail at my Post Office',
};

const statusText = (h: PortalHold): string => {
  if (h.status === 'in_review') return 'Being checked';
  if (h.status === 'refused') return 'Not accepted';
  if (h.status === 'cancelled') return 'Cancelled';
  if (h.cancelledAt) return 'Ended early at your request';
  return h.phase === 'active' ? 'Holding your mail now' : h.phase === 'ended' ? 'Ended' : 'Scheduled';
};

const cancellable = (h: PortalHold) =>
  h.cancelledAt === null && (h.status === 'in_review' || (h.status === 'scheduled' && h.phase !== 'ended'));

function outcomeOf(hold: PortalHold) {
  if (hold.status === 'scheduled')
    return {
      type: 'success',
      heading: 'We will hold your mail',
      text: `From ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}.`,
    } as const;
  if (hold.status === 'in_review')
    return {
      type: 'warning',
      heading: 'We are checking your request',
      text: 'To protect your mail, we check some requests before holding anything. We will write to you.',
    } as const;
  return {
    type: 'error',
    heading: 'We could not accept this request online',
    text: 'Please ask for the hold at any Post Office, with a photo ID.',
  } as const;
}

/** /portal/hold-mail: hold my mail while I am away (at an address of my record), and my holds so far. */
export function HoldMailPage() {
  const addresses = useLoad(() => holdMailApi.addresses(), []);
  const holds = useLoad(() => holdMailApi.list(), []);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const [addressId, setAddressId] = useState<string | undefined>(undefined);
  const [days, setDays] = useState<DayPair>(emptyDays);
  const [endAction, setEndAction] = useState<EndAction | undefined>(undefined);
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<PortalHold | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = addressId ?? addresses.data?.[0]?.id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!chosen) checks.addressId = 'Choose the address whose mail we hold.';
    if (!days.first) checks.beginDate = 'Enter the first day we should hold your mail.';
    if (!days.last) checks.endDate = 'Enter the last day we should hold your mail.';
    if (!endAction) checks.endAction = 'Choose what we do with your mail at the end.';
    if (!fromChecks(checks) || !chosen || !endAction || busy) return;
    setBusy(true);
    try {
      setAsked(
        await holdMailApi.request({
          addressId: chosen,
          beginDate: days.first,
          endDate: days.last,
          endAction,
          instructions: instructions.trim() || null,
        }),
      );
      setDays(emptyDays);
      setInstructions('');
      holds.reload();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (hold: PortalHold) => {
    try {
      const after = await holdMailApi.cancel(hold.id);
      setNotice(
        after.status === 'cancelled'
          ? 'Your hold is cancelled.'
          : `Your hold ends today: we deliver or keep your mail as you asked from ${formatDay(after.endDate)}.`,
      );
      holds.reload();
    } catch (error) {
      setNotice(problemMessage(error));
    }
  };

  return (
    <Page title="Hold mail">
      <p className="usa-intro">
        Going away? We hold your mail at the Post Office for {holdLimits.minDays} to {holdLimits.maxDays} days, and deliver it when you are
        back or keep it for you to collect.
      </p>
      {asked && <RequestOutcome id={asked.id} testId="portal-hold-outcome" {...outcomeOf(asked)} />}
      {notice && (
        <Alert type="info" slim className="margin-y-2" data-testid="portal-hold-notice">
          {notice}
        </Alert>
      )}
      <ForAddressOfRecord addresses={addresses} testId="portal-hold-no-address" nothing="there is no mail to hold">
        {(records) => (
          <RequestForm
            heading="Ask us to hold your mail"
            errorHeading="Your mail is not held yet"
            errors={errors}
            fieldIds={ids}
            testId="portal-hold-form"
            onSubmit={submit}
            declaration="You ask for this as the person on your customer record, signed in to your account."
            busy={busy}
            submitLabel="Hold my mail"
            busyLabel="Sending…"
          >
            <RadioGroup
              id={ids.addressId}
              name={ids.addressId!}
              legend="Whose mail: the address"
              options={records.map((a) => ({ value: a.id, label: `${a.text}${a.label ? ` (${a.label})` : ''}` }))}
              value={chosen}
              onChange={setAddressId}
              error={errors.fields.addressId}
            />
            <DateRangeFields
              ids={{ first: ids.beginDate!, last: ids.endDate! }}
              labels={{ first: 'First day we hold your mail', last: 'Last day we hold your mail' }}
              hints={holdDateHints}
              value={days}
              onChange={setDays}
              errors={{ first: errors.fields.beginDate, last: errors.fields.endDate }}
            />
            <RadioGroup
              id={ids.endAction}
              name={ids.endAction!}
              legend="At the end"
              options={endActions.map((a) => ({ value: a, label: endActionText[a] }))}
              value={endAction}
              onChange={setEndAction}
              error={errors.fields.endAction}
            />
            <TextAreaField
              id={ids.instructions!}
              label="Instructions for your carrier (optional)"
              hint="At most 500 characters."
              value={instructions}
              onChange={setInstructions}
              error={errors.fields.instructions}
              rows={2}
              maxLength={500}
            />
          </RequestForm>
        )}
      </ForAddressOfRecord>

      <h2 className="margin-top-5">Your holds</h2>
      <LoadedList list={holds} what="your holds" empty={<p data-testid="portal-hold-none">You have asked for no hold.</p>}>
        {(rows) => (
          <Table bordered={false} fullWidth stackedStyle="default">
            <thead>
              <tr>
                <th scope="col">Dates</th>
                <th scope="col">Address</th>
                <th scope="col">At the end</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="usa-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody data-testid="portal-hold-list">
              {rows.map((h) => (
                <tr key={h.id}>
                  <th scope="row" data-label="Dates">
                    {formatDay(h.beginDate)} to {formatDay(h.endDate)}
                  </th>
                  <td data-label="Address">{addressText(h.address)}</td>
                  <td data-label="At the end">{endActionText[h.endAction]}</td>
                  <td data-label="Status">{statusText(h)}</td>
                  <td data-label="Actions">
                    {cancellable(h) && (
                      <Button
                        type="button"
                        outline
                        className="margin-top-0"
                        onClick={() => void cancel(h)}
                        aria-label={`Cancel the hold from ${formatDay(h.beginDate)}`}
                      >
                        Cancel
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </LoadedList>
    </Page>
  );
}
