import { Alert, Button } from '@trussworks/react-uswds';
import { useNotifications } from './useNotifications.ts';

/**
 * The notifications area: a labelled live region that is always in the page, so that
 * screen readers announce each message as it is added.
 */
export function NotificationsRegion() {
  const { notices, dismiss } = useNotifications();
  return (
    <section aria-label="Notifications" className="caseline-notifications">
      <div aria-live="polite" aria-relevant="additions text">
        {notices.map((notice) => (
          <Alert key={notice.id} type={notice.type} slim className="margin-top-1 caseline-notice">
            <div className="caseline-notice__row">
              <p className="usa-alert__text" id={`notice-${notice.id}`}>
                {notice.text}
              </p>
              <Button
                type="button"
                unstyled
                className="caseline-notice__dismiss"
                aria-describedby={`notice-${notice.id}`}
                onClick={() => dismiss(notice.id)}
              >
                Dismiss
              </Button>
            </div>
          </Alert>
        ))}
      </div>
    </section>
  );
}
