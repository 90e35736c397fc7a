import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { endActions, holdLimits, type EndAction } from '../api/hold-mail.ts';
import { problemMessage } from '../api/problem.ts';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { useLoad } from '../util/useLoad.ts';
import { holdMailApi, type PortalHold } from './holdMailApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
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

/** What became of the hold just asked for: the outcome, never the fraud checks' reasons. */
function Outcome({ hold }: { readonly hold: PortalHold }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [hold.id]);
  const shown =
    hold.status === 'scheduled'
      ? {
          type: 'success' as const,
          heading: 'We will hold your mail',
          text: `From ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}.`,
        }
      : hold.status === 'in_review'
        ? {
            type: 'warning' as const,
            heading: 'We are checking your request',
            text: 'To protect your mail, we check some requests before holding anything. We will write to you.',
          }
        : {
            type: 'error' as const,
            heading: 'We could not accept this request online',
            text: 'Please ask for the hold at any Post Office, with a photo ID.',
          };
  return (
    <div ref={ref} tabIndex={-1} data-testid="portal-hold-outcome">
      <Alert type={shown.type} className="margin-y-3">
        <h2 className="usa-alert__heading">{shown.heading}</h2>
        <p className="usa-alert__text">{shown.text}</p>
      </Alert>
    </div>
  );
}

/** /portal/hold-mail: hold my mail while I am away (at an address of my record), and my holds so far. */
export function HoldMailPage() {
  const addresses = useLoad(() => holdMailApi.addresses(), []);
  const holds = useLoad(() => holdMailApi.list(), []);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const [addressId, setAddressId] = useState<string | undefined>(undefined);
  const [beginDate, setBeginDate] = useState('');
  const [endDate, setEndDate] = useState('');
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
    if (!beginDate) checks.beginDate = 'Enter the first day we should hold your mail.';
    if (!endDate) checks.endDate = 'Enter the last day we should hold your mail.';
    if (!endAction) checks.endAction = 'Choose what we do with your mail at the end.';
    if (!fromChecks(checks) || !chosen || !endAction || busy) return;
    setBusy(true);
    try {
      setAsked(await holdMailApi.request({ addressId: chosen, beginDate, endDate, endAction, instructions: instructions.trim() || null }));
      setBeginDate('');
      setEndDate('');
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
      {asked && <Outcome hold={asked} />}
      {notice && (
        <Alert type="info" slim className="margin-y-2" data-testid="portal-hold-notice">
          {notice}
        </Alert>
      )}
      {addresses.error ? (
        <LoadError what="your addresses" error={addresses.error} onRetry={addresses.reload} />
      ) : !addresses.data ? (
        <Loading />
      ) : addresses.data.length === 0 ? (
        <p data-testid="portal-hold-no-address">
          We hold no mailing address for you, so there is no mail to hold. Check{' '}
          <Link to="/portal/profile" className="usa-link">
            your profile
          </Link>{' '}
          and ask us to add your address.
        </p>
      ) : (
        <>
          <h2>Ask us to hold your mail</h2>
          <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your mail is not held yet" />
          <form
            onSubmit={(event) => void submit(event)}
            noValidate
            className="usa-form usa-form--large maxw-tablet-lg"
            data-testid="portal-hold-form"
          >
            <RadioGroup
              id={ids.addressId}
              name={ids.addressId!}
              legend="Whose mail: the address"
              options={addresses.data.map((a) => ({ value: a.id, label: `${a.text}${a.label ? ` (${a.label})` : ''}` }))}
              value={chosen}
              onChange={setAddressId}
              error={errors.fields.addressId}
            />
            <TextField
              id={ids.beginDate!}
              label="First day we hold your mail"
              hint={`Tomorrow at the earliest, and at most ${holdLimits.maxDaysAhead} days ahead.`}
              type="date"
              value={beginDate}
              onChange={setBeginDate}
              error={errors.fields.beginDate}
              aria-required
            />
            <TextField
              id={ids.endDate!}
              label="Last day we hold your mail"
              hint={`A hold lasts ${holdLimits.minDays} to ${holdLimits.maxDays} days, counting the first and the last.`}
              type="date"
              value={endDate}
              onChange={setEndDate}
              error={errors.fields.endDate}
              aria-required
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
            <p className="margin-top-3">You ask for this as the person on your customer record, signed in to your account.</p>
            <Button type="submit" disabled={busy}>
              {busy ? 'Sending…' : 'Hold my mail'}
            </Button>
          </form>
        </>
      )}

      <h2 className="margin-top-5">Your holds</h2>
      {holds.error ? (
        <LoadError what="your holds" error={holds.error} onRetry={holds.reload} />
      ) : !holds.data ? (
        <Loading />
      ) : holds.data.length === 0 ? (
        <p data-testid="portal-hold-none">You have asked for no hold.</p>
      ) : (
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
            {holds.data.map((h) => (
              <tr key={h.id}>
                <th scope="row" data-label="Dates">
                  {formatDay(h.beginDate)} to {formatDay(h.endDate)}
                </th>
                <td data-label="Address">
                  {h.address.deliveryLine}, {h.address.lastLine}
                </td>
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
    </Page>
  );
}
