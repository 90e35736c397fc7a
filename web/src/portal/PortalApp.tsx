import { Route, Routes } from 'react-router';
import { AccountPage } from './AccountPage.tsx';
import { CasePage } from './CasePage.tsx';
import { ChangeOfAddressPage } from './ChangeOfAddressPage.tsx';
import { DeliveryPreferencesPage } from './DeliveryPreferencesPage.tsx';
import { PickupPage } from './PickupPage.tsx';
import { RedeliveryPage } from './RedeliveryPage.tsx';
import { HoldMailPage } from './HoldMailPage.tsx';
import { LinkPage } from './LinkPage.tsx';
import { MailingsPage } from './MailingsPage.tsx';
import { MyCasesPage } from './MyCasesPage.tsx';
import { NewCasePage } from './NewCasePage.tsx';
import { PortalFrame } from './PortalFrame.tsx';
import { PortalHomePage } from './PortalHomePage.tsx';
import { PortalNotFoundPage } from './PortalNotFoundPage.tsx';
import { PortalSessionProvider } from './PortalSessionProvider.tsx';
import { PrivacyPage } from './PrivacyPage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { RegisterPage } from './RegisterPage.tsx';
import { RequirePortal } from './RequirePortal.tsx';
import { ResetPage } from './ResetPage.tsx';
import { SignInPage } from './SignInPage.tsx';
import { TrackPage } from './TrackPage.tsx';

/** The customer portal under /portal: its own session, frame and pages, apart from the staff console. */
export function PortalApp() {
  return (
    <PortalSessionProvider>
      <Routes>
        <Route element={<PortalFrame />}>
          <Route index element={<PortalHomePage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="reset" element={<ResetPage />} />
          <Route
            path="link"
            element={
              <RequirePortal level="account">
                <LinkPage />
              </RequirePortal>
            }
          />
          <Route
            path="account"
            element={
              <RequirePortal level="account">
                <AccountPage />
              </RequirePortal>
            }
          />
          <Route
            path="cases"
            element={
              <RequirePortal level="customer">
                <MyCasesPage />
              </RequirePortal>
            }
          />
          <Route
            path="cases/new"
            element={
              <RequirePortal level="customer">
                <NewCasePage />
              </RequirePortal>
            }
          />
          <Route
            path="cases/:id"
            element={
              <RequirePortal level="customer">
                <CasePage />
              </RequirePortal>
            }
          />
          <Route
            path="mailings"
            element={
              <RequirePortal level="customer">
                <MailingsPage />
              </RequirePortal>
            }
          />
          <Route
            path="profile"
            element={
              <RequirePortal level="customer">
                <ProfilePage />
              </RequirePortal>
            }
          />
          <Route
            path="privacy"
            element={
              <RequirePortal level="customer">
                <PrivacyPage />
              </RequirePortal>
            }
          />
          <Route
            path="track"
            element={
              <RequirePortal level="customer">
                <TrackPage />
              </RequirePortal>
            }
          />
          <Route
            path="change-of-address"
            element={
              <RequirePortal level="customer">
                <ChangeOfAddressPage />
              </RequirePortal>
            }
          />
          <Route
            path="hold-mail"
            element={
              <RequirePortal level="customer">
                <HoldMailPage />
              </RequirePortal>
            }
          />
          <Route
            path="redelivery"
            element={
              <RequirePortal level="customer">
                <RedeliveryPage />
              </RequirePortal>
            }
          />
          <Route
            path="pickup"
            element={
              <RequirePortal level="customer">
                <PickupPage />
              </RequirePortal>
            }
          />
          <Route
            path="delivery-preferences"
            element={
              <RequirePortal level="customer">
                <DeliveryPreferencesPage />
              </RequirePortal>
            }
          />
          <Route path="*" element={<PortalNotFoundPage />} />
        </Route>
      </Routes>
    </PortalSessionProvider>
  );
}
