import type { Config } from './config.ts';
import { createSecretBox, keyedDigest, type LocalKeyring, type Vault } from './crypto/index.ts';
import { attachmentMover, createAttachmentService } from './modules/attachments/index.ts';
import {
  createDisclosureService,
  createIncidentService,
  createPrivacyRequestService,
  createRetentionSweep,
  disclosureMover,
} from './modules/privacy/index.ts';
import { callMover, createCallService } from './modules/calls/index.ts';
import { agencySlaPolicy, caseMover, createCaseService, createCaseSla, createRouting } from './modules/cases/index.ts';
import { createCustomerFinder, createCustomerMerger, createCustomerService } from './modules/customers/index.ts';
import { createFormTokens } from './modules/intake/index.ts';
import { createLetterService } from './modules/letters/index.ts';
import { createMailOutbox } from './modules/mail-out/index.ts';
import { createMacros } from './modules/macros/index.ts';
import { createCaseReports } from './modules/reports/index.ts';
import {
  createSatisfactionReports,
  createSurveyService,
  createSurveyTokens,
  surveyMover,
  surveyTokenKey,
} from './modules/surveys/index.ts';
import {
  changeOfAddressMover,
  createDeliveryServices,
  createHoldMailService,
  createMailingService,
  createTrackingAlertService,
  deliveryPreferencesMover,
  deliveryRequestMover,
  holdMailMover,
  mailingMover,
  screeningDigestPurpose,
  trackingAlertMover,
} from './modules/tracking/index.ts';

export interface ServiceDeps {
  readonly config: Config;
  readonly vault: Vault;
  readonly keyring: LocalKeyring;
  readonly clock: () => Date;
}

/**
 * The modules wired together, once per process: the HTTP routes and the e-mail intake
 * must open, answer and resolve cases through the same services, or a case opened by
 * mail would not be acknowledged, routed or surveyed like one opened by an agent.
 */
export function createServices(deps: ServiceDeps) {
  const { config, vault, clock } = deps;
  const timeZone = config.timeZone;
  const customers = createCustomerService(vault);
  const routing = createRouting();
  // Replies by e-mail are queued with the case message; the sender runs only when a relay is configured.
  const mailer = createMailOutbox(vault, { from: config.mailFrom });
  const surveys = createSurveyService(vault, createSurveyTokens(surveyTokenKey(deps.keyring)), { timeZone, publicUrl: config.publicUrl });
  const surveyLink = (trx: Parameters<typeof surveys.linkFor>[0], caseId: string) => surveys.linkFor(trx, caseId, clock());
  const cases = createCaseService(vault, {
    timeZone,
    routing,
    mailer,
    // A resolved case invites its customer to the satisfaction survey; reopening voids the link.
    onResolved: async (trx, principal, outcome, ctx, now) => void (await surveys.invite(trx, principal, outcome, ctx, now)),
    onReopened: async (trx, principal, outcome, ctx, now) => void (await surveys.voidFor(trx, principal, outcome.caseId, ctx, now)),
    surveyLink,
  });
  const attachments = createAttachmentService(vault, config.attachments);
  const disclosures = createDisclosureService(vault, { timeZone });
  const deliveries = createDeliveryServices(vault, customers, { timeZone });
  const finder = createCustomerFinder(vault, {
    case_number: (trx, number) => cases.customerOfCase(trx, number),
    article_number: (trx, number) => cases.customersByItem(trx, 'article', number),
    // A pickup number is on a case about it, or on the pickup Caseline scheduled itself.
    pickup_number: async (trx, number) => [
      ...new Set([...(await cases.customersByItem(trx, 'pickup', number)), ...(await deliveries.customersByPickupNumber(trx, number))]),
    ],
  });
  return {
    vault,
    customers,
    routing,
    mailer,
    surveys,
    cases,
    finder,
    deliveries,
    merger: createCustomerMerger(vault, [
      caseMover(vault),
      attachmentMover(vault),
      surveyMover(vault),
      callMover(vault),
      disclosureMover(vault),
      changeOfAddressMover(vault),
      holdMailMover(vault),
      deliveryRequestMover(vault),
      deliveryPreferencesMover(vault),
      trackingAlertMover(vault),
      mailingMover(vault),
    ]),
    sla: createCaseSla(agencySlaPolicy(timeZone)),
    attachments,
    retention: createRetentionSweep({
      removeOrphanFiles: (trx, principal, now) => attachments.removeOrphans(trx, principal, now),
      timeZone,
    }),
    calls: createCallService(vault, cases, { timeZone }),
    formTokens: createFormTokens(createSecretBox(deps.keyring)),
    satisfaction: createSatisfactionReports({ timeZone }),
    caseReports: createCaseReports({ timeZone }),
    letters: createLetterService({ cases, customers, letterhead: config.agency, timeZone }),
    surveyLink,
    macros: createMacros({ cases, customers, surveyLink }),
    // Incident notices by e-mail go out as replies in a case of the person's, through the case outbox.
    disclosures,
    privacyRequests: createPrivacyRequestService(vault, { customers, disclosures, letterhead: config.agency, timeZone }),
    incidents: createIncidentService({ customers, cases, letterhead: config.agency, timeZone }),
    holdMail: createHoldMailService(vault, customers, { digest: keyedDigest(deps.keyring, screeningDigestPurpose), timeZone }),
    // The staff routes and the portal read mailings through one service.
    mailings: createMailingService(vault, customers, { timeZone }),
    trackingAlerts: createTrackingAlertService(vault, customers, { timeZone }),
  };
}

export type Services = ReturnType<typeof createServices>;
