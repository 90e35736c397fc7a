import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { RatingFieldset } from '../survey/RatingFieldset.tsx';
import { commentMaxLength } from '../survey/surveyApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi, type PortalCaseDetail } from './portalApi.ts';
import { present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { rating: 'Your rating', comment: 'Comments' };
const ids = { rating: 'case-rating', comment: 'case-rating-comment' };

/**
 * How the customer rates a resolved case: the same survey as the link in the resolution
 * e-mail, answered once either way. Shown only while the case can be rated; once it is, a thank-you.
 */
export function CaseRating({
  detail,
  onChange,
}: {
  readonly detail: PortalCaseDetail;
  readonly onChange: (next: PortalCaseDetail) => void;
}) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { notify } = useNotifications();

  if (detail.rated)
    return (
      <p className="margin-top-4" data-testid="case-rated">
        Thank you for rating how we handled this case.
      </p>
    );
  if (!detail.ratable) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = present({
      rating: rating === null ? 'Choose a rating from 1 to 5.' : undefined,
      comment: comment.length > commentMaxLength ? `Comments must be at most ${commentMaxLength} characters.` : undefined,
    });
    if (!fromChecks(checks) || busy || rating === null) return;
    setBusy(true);
    try {
      onChange(await portalApi.rate(detail.id, rating, comment));
      notify('success', 'Thank you: your rating was recorded.');
    } catch (error) {
      fromError(error);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-rating-heading" className="margin-top-4" data-testid="case-rating">
      <h2 id="case-rating-heading">Rate how we handled it</h2>
      <p>Answering is voluntary. You can rate a case once, here or with the link in the e-mail we sent when we resolved it.</p>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your rating was not sent" />
      <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
        <RatingFieldset
          id={ids.rating}
          legend="How satisfied are you with how we handled your case?"
          value={rating}
          onChange={setRating}
          error={errors.fields.rating}
        />
        <TextAreaField
          id={ids.comment}
          label={`${labels.comment} (optional)`}
          hint={`What went well, and what could we do better? Up to ${commentMaxLength} characters. Please leave out account numbers and other personal details.`}
          value={comment}
          onChange={setComment}
          maxLength={commentMaxLength}
          error={errors.fields.comment}
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : 'Send my rating'}
        </Button>
      </Form>
    </section>
  );
}
