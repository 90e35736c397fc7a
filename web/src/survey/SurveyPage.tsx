import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { ApiError } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { PublicFrame } from '../frame/PublicFrame.tsx';
import { useLoad } from '../util/useLoad.ts';
import { RatingFieldset } from './RatingFieldset.tsx';
import { answerSurvey, commentMaxLength, fetchSurvey, type SurveyInfo } from './surveyApi.ts';

const labels = { rating: 'Rating', comment: 'Comments' };
const fieldIds = { rating: 'survey-rating', comment: 'survey-comment' };

type Outcome = 'form' | 'thanks' | 'answered';

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' });

function formatDay(iso: string): string {
  return longDate.format(new Date(iso));
}

/**
 * The customer satisfaction survey behind the link in a resolved case's e-mail or letter.
 * No sign-in: the link is the credential. The page title never carries the case number.
 */
export function SurveyPage() {
  const { token = '' } = useParams();
  const survey = useLoad(() => fetchSurvey(token), [token]);
  return (
    <PublicFrame>
      {survey.loading ? (
        <Page title="Customer satisfaction survey">
          <Loading />
        </Page>
      ) : survey.error instanceof ApiError && survey.error.status === 404 ? (
        <Page title="Survey link not valid">
          <p>This survey link is not valid, or it has expired or been replaced by a newer one.</p>
          <p>If your case was reopened, the newest message about it has the current link.</p>
        </Page>
      ) : survey.error || !survey.data ? (
        <Page title="Customer satisfaction survey">
          <LoadError what="the survey" error={survey.error} onRetry={survey.reload} />
        </Page>
      ) : (
        <SurveyForm token={token} survey={survey.data} />
      )}
    </PublicFrame>
  );
}

function SurveyForm({ token, survey }: { readonly token: string; readonly survey: SurveyInfo }) {
  const [outcome, setOutcome] = useState<Outcome>(survey.answered ? 'answered' : 'form');
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const { errors, fromError, fromChecks, clear } = useFormErrors(labels);

  if (outcome === 'thanks')
    return (
      <Page title="Thank you" focusOnMount>
        <Alert type="success" role="status" className="margin-y-2">
          <h2 className="usa-alert__heading">Your answer has been received</h2>
          <p className="usa-alert__text">
            Thank you for telling us how we handled case {survey.caseNumber}. We read every answer to improve our service.
          </p>
        </Alert>
      </Page>
    );
  if (outcome === 'answered')
    return (
      <Page title="Survey already answered" focusOnMount>
        <p>This survey about case {survey.caseNumber} has already been answered. Each survey can be answered once. Thank you.</p>
      </Page>
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (rating === null) checks.rating = 'Rating: choose one of the five answers.';
    if (comment.length > commentMaxLength) checks.comment = `Comments must be at most ${commentMaxLength} characters.`;
    if (!fromChecks(checks) || rating === null) return;
    setSending(true);
    try {
      await answerSurvey(token, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      clear();
      setOutcome('thanks');
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) setOutcome('answered');
      else fromError(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title="Customer satisfaction survey">
      <p>
        Your case {survey.caseNumber} was resolved on {formatDay(survey.resolvedAt)}. Please tell us how satisfied you are with how we
        handled it. Answering is voluntary and takes a minute. You can answer until {formatDay(survey.expiresAt)}.
      </p>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <Form onSubmit={submit} noValidate large>
        <RatingFieldset
          id={fieldIds.rating}
          legend="How satisfied are you with how we handled your case?"
          value={rating}
          onChange={setRating}
          error={errors.fields.rating}
        />
        <TextAreaField
          id={fieldIds.comment}
          label="Comments (optional)"
          hint={`What went well, and what could we do better? Up to ${commentMaxLength} characters. Please leave out account numbers and other personal details.`}
          value={comment}
          onChange={setComment}
          maxLength={commentMaxLength}
          error={errors.fields.comment}
        />
        <Button type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Send my answer'}
        </Button>
      </Form>
    </Page>
  );
}
