import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { RequireRoles } from './auth/RequireRoles.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { Frame } from './frame/Frame.tsx';
import { HomePage } from './frame/HomePage.tsx';
import { Loading } from './frame/Loading.tsx';
import { NotFoundPage } from './frame/NotFoundPage.tsx';
import { customerReaders, nav } from './frame/navItems.ts';
import { NotificationsProvider } from './frame/NotificationsProvider.tsx';

// Each area's pages load on first use; the sign-in page and the frame come with the first load.
const ApiTokensPage = lazy(() => import('./account/ApiTokensPage.tsx').then((m) => ({ default: m.ApiTokensPage })));
const ChangePasswordPage = lazy(() => import('./account/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const BusinessAreaPage = lazy(() => import('./admin/BusinessAreaPage.tsx').then((m) => ({ default: m.BusinessAreaPage })));
const BusinessAreasPage = lazy(() => import('./admin/BusinessAreasPage.tsx').then((m) => ({ default: m.BusinessAreasPage })));
const CreateUserPage = lazy(() => import('./admin/CreateUserPage.tsx').then((m) => ({ default: m.CreateUserPage })));
const EditUserPage = lazy(() => import('./admin/EditUserPage.tsx').then((m) => ({ default: m.EditUserPage })));
const SettingsPage = lazy(() => import('./admin/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const UsersPage = lazy(() => import('./admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const NoticePage = lazy(() => import('./catalog/NoticePage.tsx').then((m) => ({ default: m.NoticePage })));
const NoticesPage = lazy(() => import('./catalog/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })));
const CasePage = lazy(() => import('./cases/CasePage.tsx').then((m) => ({ default: m.CasePage })));
const MyCasesPage = lazy(() => import('./cases/MyCasesPage.tsx').then((m) => ({ default: m.MyCasesPage })));
const NewCasePage = lazy(() => import('./cases/NewCasePage.tsx').then((m) => ({ default: m.NewCasePage })));
const QueuePage = lazy(() => import('./cases/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const CustomerPage = lazy(() => import('./customers/CustomerPage.tsx').then((m) => ({ default: m.CustomerPage })));
const ImportCustomersPage = lazy(() => import('./customers/ImportCustomersPage.tsx').then((m) => ({ default: m.ImportCustomersPage })));
const RegisterCustomerPage = lazy(() => import('./customers/RegisterCustomerPage.tsx').then((m) => ({ default: m.RegisterCustomerPage })));
const SearchPage = lazy(() => import('./customers/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const ContactPage = lazy(() => import('./public/ContactPage.tsx').then((m) => ({ default: m.ContactPage })));
const SatisfactionReport = lazy(() => import('./reports/SatisfactionReport.tsx').then((m) => ({ default: m.SatisfactionReport })));
const CaseReports = lazy(() => import('./reports/CaseReports.tsx').then((m) => ({ default: m.CaseReports })));
const AtRiskPage = lazy(() => import('./supervisor/AtRiskPage.tsx').then((m) => ({ default: m.AtRiskPage })));
const WorkloadPage = lazy(() => import('./supervisor/WorkloadPage.tsx').then((m) => ({ default: m.WorkloadPage })));
const PrintQueuePage = lazy(() => import('./supervisor/PrintQueuePage.tsx').then((m) => ({ default: m.PrintQueuePage })));
const FraudReviewPage = lazy(() => import('./tracking/FraudReviewPage.tsx').then((m) => ({ default: m.FraudReviewPage })));
const TrackingPage = lazy(() => import('./tracking/TrackingPage.tsx').then((m) => ({ default: m.TrackingPage })));
const HoldMailDeliveryListPage = lazy(() =>
  import('./tracking/HoldMailDeliveryListPage.tsx').then((m) => ({ default: m.HoldMailDeliveryListPage })),
);
const MacrosPage = lazy(() => import('./supervisor/MacrosPage.tsx').then((m) => ({ default: m.MacrosPage })));
const RoutingRulesPage = lazy(() => import('./supervisor/RoutingRulesPage.tsx').then((m) => ({ default: m.RoutingRulesPage })));
const SurveyPage = lazy(() => import('./survey/SurveyPage.tsx').then((m) => ({ default: m.SurveyPage })));
const RetentionRulesPage = lazy(() => import('./privacy/RetentionRulesPage.tsx').then((m) => ({ default: m.RetentionRulesPage })));
const LegalHoldsPage = lazy(() => import('./privacy/LegalHoldsPage.tsx').then((m) => ({ default: m.LegalHoldsPage })));
const RequestQueuePage = lazy(() => import('./privacy/RequestQueuePage.tsx').then((m) => ({ default: m.RequestQueuePage })));
const RequestPage = lazy(() => import('./privacy/RequestPage.tsx').then((m) => ({ default: m.RequestPage })));
const PrivacyNoticesPage = lazy(() => import('./privacy/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })));
const DisclosuresPage = lazy(() => import('./privacy/DisclosuresPage.tsx').then((m) => ({ default: m.DisclosuresPage })));
const IncidentsPage = lazy(() => import('./privacy/IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => import('./privacy/IncidentPage.tsx').then((m) => ({ default: m.IncidentPage })));
const PortalApp = lazy(() => import('./portal/PortalApp.tsx').then((m) => ({ default: m.PortalApp })));
const DisposalCertificatesPage = lazy(() =>
  import('./privacy/DisposalCertificatesPage.tsx').then((m) => ({ default: m.DisposalCertificatesPage })),
);

/**
 * The customer portal (/portal) and the staff console (everything else), each with its own
 * session: the portal never mounts the staff AuthProvider.
 */
export function App() {
  return (
    <BrowserRouter>
      <NotificationsProvider>
        <Routes>
          <Route
            path="/portal/*"
            element={
              <Suspense fallback={<Loading />}>
                <PortalApp />
              </Suspense>
            }
          />
          <Route path="*" element={<Console />} />
        </Routes>
      </NotificationsProvider>
    </BrowserRouter>
  );
}

/**
 * The console's routes. Each page admits the roles its navigation link is shown to
 * (navItems.ts); the customer search results also serve the header's 'find customer'
 * box, so they admit every role that reads customer records.
 */
function Console() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/contact"
          element={
            <Suspense fallback={<Loading />}>
              <ContactPage />
            </Suspense>
          }
        />
        {/* The customer's satisfaction survey: public, the link's token is the credential. */}
        <Route path="/survey/:token" element={<SurveyPage />} />
        <Route
          element={
            <RequireAuth>
              <Frame />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route
            path="cases/mine"
            element={
              <RequireRoles roles={nav.myCases.roles}>
                <MyCasesPage />
              </RequireRoles>
            }
          />
          <Route
            path="cases/queue"
            element={
              <RequireRoles roles={nav.queue.roles}>
                <QueuePage />
              </RequireRoles>
            }
          />
          <Route
            path="cases/new"
            element={
              <RequireRoles roles={nav.newCase.roles}>
                <NewCasePage />
              </RequireRoles>
            }
          />
          <Route
            path="cases/:id"
            element={
              <RequireRoles roles={customerReaders}>
                <CasePage />
              </RequireRoles>
            }
          />
          <Route
            path="search"
            element={
              <RequireRoles roles={customerReaders}>
                <SearchPage />
              </RequireRoles>
            }
          />
          <Route
            path="customers/new"
            element={
              <RequireRoles roles={nav.registerCustomer.roles}>
                <RegisterCustomerPage />
              </RequireRoles>
            }
          />
          <Route
            path="customers/import"
            element={
              <RequireRoles roles={nav.importCustomers.roles}>
                <ImportCustomersPage />
              </RequireRoles>
            }
          />
          <Route
            path="customers/:id"
            element={
              <RequireRoles roles={customerReaders}>
                <CustomerPage />
              </RequireRoles>
            }
          />
          <Route
            path="tracking"
            element={
              <RequireRoles roles={nav.tracking.roles}>
                <TrackingPage />
              </RequireRoles>
            }
          />
          <Route
            path="tracking/hold-mail"
            element={
              <RequireRoles roles={nav.tracking.roles}>
                <HoldMailDeliveryListPage />
              </RequireRoles>
            }
          />
          <Route
            path="records"
            element={
              <RequireRoles roles={nav.records.roles}>
                <NoticesPage />
              </RequireRoles>
            }
          />
          <Route
            path="records/:id"
            element={
              <RequireRoles roles={nav.records.roles}>
                <NoticePage />
              </RequireRoles>
            }
          />
          <Route
            path="reports/satisfaction"
            element={
              <RequireRoles roles={nav.satisfaction.roles}>
                <SatisfactionReport />
              </RequireRoles>
            }
          />
          <Route
            path="reports/cases"
            element={
              <RequireRoles roles={nav.caseReports.roles}>
                <CaseReports />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/workload"
            element={
              <RequireRoles roles={nav.workload.roles}>
                <WorkloadPage />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/at-risk"
            element={
              <RequireRoles roles={nav.atRisk.roles}>
                <AtRiskPage />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/routing"
            element={
              <RequireRoles roles={nav.routingRules.roles}>
                <RoutingRulesPage />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/print-queue"
            element={
              <RequireRoles roles={nav.printQueue.roles}>
                <PrintQueuePage />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/fraud-review"
            element={
              <RequireRoles roles={nav.fraudReview.roles}>
                <FraudReviewPage />
              </RequireRoles>
            }
          />
          <Route
            path="supervisor/macros"
            element={
              <RequireRoles roles={nav.macros.roles}>
                <MacrosPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/retention"
            element={
              <RequireRoles roles={nav.retention.roles}>
                <RetentionRulesPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/holds"
            element={
              <RequireRoles roles={nav.legalHolds.roles}>
                <LegalHoldsPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/certificates"
            element={
              <RequireRoles roles={nav.certificates.roles}>
                <DisposalCertificatesPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/requests"
            element={
              <RequireRoles roles={nav.privacyRequests.roles}>
                <RequestQueuePage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/requests/:id"
            element={
              <RequireRoles roles={nav.privacyRequests.roles}>
                <RequestPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/disclosures"
            element={
              <RequireRoles roles={nav.disclosures.roles}>
                <DisclosuresPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/incidents"
            element={
              <RequireRoles roles={nav.incidents.roles}>
                <IncidentsPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/incidents/:id"
            element={
              <RequireRoles roles={nav.incidents.roles}>
                <IncidentPage />
              </RequireRoles>
            }
          />
          <Route
            path="privacy/notices"
            element={
              <RequireRoles roles={nav.notices.roles}>
                <PrivacyNoticesPage />
              </RequireRoles>
            }
          />
          <Route
            path="audit"
            element={
              <RequireRoles roles={nav.audit.roles}>
                <AuditPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequireRoles roles={nav.users.roles}>
                <UsersPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/users/new"
            element={
              <RequireRoles roles={nav.users.roles}>
                <CreateUserPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/users/:id"
            element={
              <RequireRoles roles={nav.users.roles}>
                <EditUserPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/business-areas"
            element={
              <RequireRoles roles={nav.businessAreas.roles}>
                <BusinessAreasPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/business-areas/new"
            element={
              <RequireRoles roles={nav.businessAreas.roles}>
                <BusinessAreaPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/business-areas/:id"
            element={
              <RequireRoles roles={nav.businessAreas.roles}>
                <BusinessAreaPage />
              </RequireRoles>
            }
          />
          <Route
            path="admin/settings"
            element={
              <RequireRoles roles={nav.settings.roles}>
                <SettingsPage />
              </RequireRoles>
            }
          />
          <Route path="account/password" element={<ChangePasswordPage />} />
          <Route path="account/tokens" element={<ApiTokensPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
