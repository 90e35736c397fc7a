import { Link } from 'react-router';
import { Page } from '../frame/Page.tsx';
import { Loading } from '../frame/Loading.tsx';
import { usePortalSession } from './PortalSessionContext.ts';

/** /portal: what the portal is for, and the way in (or on). */
export function PortalHomePage() {
  const { status, agency } = usePortalSession();
  return (
    <Page title="Customer portal" heading={agency ? `${agency} customer portal` : 'Customer portal'}>
      <p className="usa-intro">
        Ask us a question, follow your cases and read our answers, all in one place and without waiting on the phone.
      </p>
      {status === 'loading' ? (
        <Loading />
      ) : status === 'linked' || status === 'unlinked' ? (
        <ul className="usa-card-group" data-testid="portal-home-links">
          {status === 'unlinked' && (
            <PortalCard title="Link your customer record" to="/portal/link" action="Link your record">
              Before you can see your cases, tell us which customer record is yours.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="My cases" to="/portal/cases" action="Go to my cases">
              Your questions and complaints, their status and our answers. Ask a new question from there.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Change of address" to="/portal/change-of-address" action="Forward my mail">
              Moving? Tell us your new address and we forward your mail there, for good or for a while.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Hold mail" to="/portal/hold-mail" action="Hold my mail">
              Going away? We keep your mail at the Post Office for 3 to 30 days, then deliver it or keep it for you to collect.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Redelivery" to="/portal/redelivery" action="Schedule a redelivery">
              Missed a package? Choose a day for us to bring it again, or collect it at your Post Office.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Package pickup" to="/portal/pickup" action="Schedule a pickup">
              Your carrier collects your prepaid packages from your address on a delivery day you choose.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Delivery preferences" to="/portal/delivery-preferences" action="Set my preferences">
              What we do with packages when you are not home, the days you prefer and how we reach you.
            </PortalCard>
          )}
          {status === 'linked' && (
            <PortalCard title="Track a package" to="/portal/track" action="Track a package">
              See where your package is, and ask us to tell you by e-mail or text each time it moves.
            </PortalCard>
          )}
          <PortalCard title="My account" to="/portal/account" action="Go to my account">
            Your sign-in address, an authenticator app for extra security, and where you are signed in.
          </PortalCard>
        </ul>
      ) : (
        <>
          <h2>What you can do here</h2>
          <ul className="usa-list">
            <li>See every case you have with us, including those you started by phone, letter or e-mail.</li>
            <li>Read our answers and reply to them.</li>
            <li>Ask a new question.</li>
          </ul>
          <ul className="usa-card-group">
            <PortalCard title="I have an account" to="/portal/sign-in" action="Sign in">
              Sign in with your e-mail address and password.
            </PortalCard>
            <PortalCard title="I am new here" to="/portal/register" action="Create an account">
              All you need is an e-mail address. We send you a code to confirm it.
            </PortalCard>
          </ul>
          <p>
            Prefer not to create an account?{' '}
            <Link to="/contact" className="usa-link">
              Send us a message without one
            </Link>
            .
          </p>
        </>
      )}
    </Page>
  );
}

function PortalCard({
  title,
  to,
  action,
  children,
}: {
  readonly title: string;
  readonly to: string;
  readonly action: string;
  readonly children: string;
}) {
  return (
    <li className="usa-card tablet:grid-col-6">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h2 className="usa-card__heading">{title}</h2>
        </div>
        <div className="usa-card__body">
          <p>{children}</p>
        </div>
        <div className="usa-card__footer">
          <Link to={to} className="usa-button">
            {action}
          </Link>
        </div>
      </div>
    </li>
  );
}
