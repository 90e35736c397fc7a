import { decideChangeOfAddress, fetchReviewQueue } from '../api/changes-of-address.ts';
import { decideHoldMail, endActionLabels, fetchHoldReviewQueue } from '../api/hold-mail.ts';
import { Page } from '../frame/Page.tsx';
import { addressText, formatDay, moveText } from './coaParts.tsx';
import { ReviewList } from './ReviewList.tsx';
import { coaScreen, holdScreen, ScreeningSummary } from './screening.tsx';

/**
 * The fraud review queues (GET /api/changes-of-address/review and /api/hold-mail/review,
 * fraud.review): changes of address and holds the screens held, oldest first, with the score
 * and the rules that fired. A supervisor approves or denies each with a reason.
 */
export function FraudReviewPage() {
  return (
    <Page title="Fraud review">
      <p className="usa-intro">
        Changes of address the fraud screen held: a score from 30 holds a request, from 70 refuses it. Check the reasons (call the customer
        at a number already on file, look at the customer’s history), then approve or deny.
      </p>
      <ReviewList
        prefix="review"
        noun="request"
        load={fetchReviewQueue}
        decide={decideChangeOfAddress}
        choices={{ approve: 'Approve: mail forwards from the effective date', deny: 'Deny: mail is never forwarded' }}
        decidedText={(coa) =>
          coa.status === 'accepted'
            ? `Change of address approved: mail forwards from ${formatDay(coa.effectiveDate)}.`
            : 'Change of address denied: mail will not be forwarded.'
        }
        heading="Held requests"
        loadWhat="the review queue"
        empty="No change of address is waiting for review."
        caption="Changes of address held for review, oldest first"
        itemLabel="Request"
        itemLines={(c) => (
          <>
            <span className="display-block text-normal">{moveText(c)}</span>
            <span className="display-block text-normal">
              From {formatDay(c.effectiveDate)}
              {c.endDate ? ` to ${formatDay(c.endDate)}` : ''}
            </span>
          </>
        )}
        addressLabel="Addresses"
        address={(c) => (
          <>
            <span className="display-block">From {addressText(c.oldAddress)}</span>
            <span className="display-block">To {addressText(c.newAddress)}</span>
          </>
        )}
        screening={(c) => <ScreeningSummary screen={coaScreen} screening={c.screening} />}
        refreshable
      />
      <ReviewList
        prefix="hold-review"
        noun="hold"
        load={fetchHoldReviewQueue}
        decide={decideHoldMail}
        choices={{ approve: 'Approve: mail is held between the dates', deny: 'Deny: no mail is held' }}
        decidedText={(hold) =>
          hold.status === 'scheduled'
            ? `Hold approved: mail is held from ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}.`
            : 'Hold denied: no mail will be held.'
        }
        heading="Held hold mail requests"
        loadWhat="the hold mail review queue"
        empty="No hold mail request is waiting for review."
        caption="Hold mail requests held for review, oldest first"
        itemLabel="Hold"
        itemLines={(h) => (
          <>
            <span className="display-block text-normal">
              {formatDay(h.beginDate)} to {formatDay(h.endDate)}
            </span>
            <span className="display-block text-normal">{endActionLabels[h.endAction]}</span>
          </>
        )}
        addressLabel="Address"
        address={(h) => addressText(h.address)}
        screening={(h) => <ScreeningSummary screen={holdScreen} screening={h.screening} />}
        className="margin-top-5"
        testId="hold-review"
      />
    </Page>
  );
}
