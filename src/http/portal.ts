import type { FastifyPluginAsync } from 'fastify';
import { createPortalAuth, createPortalMailer, type PortalAuth, type PortalMailer } from '../access/index.ts';
import { createSecretBox, keyedDigest, type LocalKeyring, type Vault } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { createPortalUnit, installPortalAuth } from './portal-auth.ts';
import { portalAccountRoutes } from './routes/portal-account.ts';
import { portalAttachmentRoutes } from './routes/portal-attachments.ts';
import { portalCaseRoutes } from './routes/portal-cases.ts';
import { portalLinkRoutes } from './routes/portal-link.ts';
import { portalChangeOfAddressRoutes } from './routes/portal-change-of-address.ts';
import { portalDeliveryServiceRoutes } from './routes/portal-delivery-services.ts';
import { portalHoldMailRoutes } from './routes/portal-hold-mail.ts';
import { portalMailingRoutes } from './routes/portal-mailings.ts';
import { portalPrivacyRoutes } from './routes/portal-privacy.ts';
import { portalTrackingRoutes } from './routes/portal-tracking.ts';
import type { ChangeOfAddressService } from '../modules/tracking/index.ts';
import { createPortalAttachments, createPortalCases, createPortalLinking, createPortalPrivacy } from '../modules/portal/index.ts';
import type { TextGateway } from '../modules/text-messages/index.ts';
import type { Services } from '../services.ts';

export interface PortalDeps {
  readonly database: Database;
  readonly vault: Vault;
  readonly keyring: LocalKeyring;
  readonly clock: () => Date;
  readonly smtpRelay: string | null;
  readonly mailFrom: string | null;
  readonly textGateway: TextGateway | null;
  readonly signInRateLimit: number;
  readonly services: Services;
  readonly agency: string;
  readonly timeZone: string;
  /** Changes of address, for a customer's own: the service the staff routes use. */
  readonly changesOfAddress: ChangeOfAddressService;
}

/** The portal's sign-in service, with its keys derived from the keyring: the same for every server sharing it. */
export function portalAuthFor(deps: Pick<PortalDeps, 'database' | 'vault' | 'keyring' | 'clock'>, mailer: PortalMailer | null): PortalAuth {
  return createPortalAuth({
    database: deps.database,
    vault: deps.vault,
    secrets: createSecretBox(deps.keyring),
    logonDigest: keyedDigest(deps.keyring, 'portal-logon/v1'),
    codeDigest: keyedDigest(deps.keyring, 'portal-code/v1'),
    mailer,
    clock: deps.clock,
  });
}

/**
 * The customer portal's API under /portal/api, in a scope of its own: its own cookie and
 * credential check (installPortalAuth), and a last check on the way out — a portal route that
 * answers with a body it did not pass through the egress guard (portalUnit) is a bug, and its
 * answer is replaced by an error rather than sent unchecked.
 */
export const portalApi: FastifyPluginAsync<PortalDeps> = async (app, deps) => {
  const mailer = deps.smtpRelay && deps.mailFrom ? createPortalMailer({ relay: deps.smtpRelay, from: deps.mailFrom }) : null;
  const portalAuth = portalAuthFor(deps, mailer);
  const securityLog = app.log.child({ module: 'portal-egress-guard' });
  const unit = createPortalUnit({
    database: deps.database,
    clock: deps.clock,
    alert: (event) =>
      securityLog.fatal(
        { ...event, incident: 'portal response withheld' },
        'SECURITY: a portal response carried another customer’s records and was withheld',
      ),
  });
  installPortalAuth(app, portalAuth);
  app.addHook('onSend', async (request, reply, payload) => {
    const level = request.routeOptions.config.portal ?? 'customer';
    if (
      level === 'public' ||
      request.routeOptions.config.egress === 'none' ||
      reply.statusCode >= 300 ||
      // No content carries no one's records.
      reply.statusCode === 204 ||
      payload === null ||
      payload === undefined ||
      payload === '' ||
      request.egressChecked
    )
      return payload;
    request.log.error({ route: request.routeOptions.url }, 'portal route answered without the egress guard');
    reply.status(500).header('content-type', 'application/problem+json; charset=utf-8');
    return JSON.stringify({
      type: 'urn:caseline:problem:internal',
      title: 'Response withheld',
      status: 500,
      detail: 'The response was withheld by a safety check.',
      instance: `urn:caseline:request:${request.id}`,
    });
  });
  await app.register(portalAccountRoutes, { portalAuth, unit, signInRateLimit: deps.signInRateLimit, agency: deps.agency });
  const linking = createPortalLinking({
    database: deps.database,
    portalAuth,
    finder: deps.services.finder,
    customers: deps.services.customers,
    mailer,
    texts: deps.textGateway,
    clock: deps.clock,
  });
  await app.register(portalLinkRoutes, { linking, signInRateLimit: deps.signInRateLimit });
  await app.register(portalCaseRoutes, {
    cases: createPortalCases(deps.services.cases, deps.services.surveys),
    unit,
    clock: deps.clock,
  });
  await app.register(portalAttachmentRoutes, {
    database: deps.database,
    attachments: createPortalAttachments(deps.services.attachments),
    unit,
    clock: deps.clock,
  });
  await app.register(portalPrivacyRoutes, {
    privacy: createPortalPrivacy({
      customers: deps.services.customers,
      requests: deps.services.privacyRequests,
      disclosures: deps.services.disclosures,
    }),
    unit,
    clock: deps.clock,
    agency: deps.agency,
    timeZone: deps.timeZone,
  });
  await app.register(portalHoldMailRoutes, { holds: deps.services.holdMail, unit, clock: deps.clock });
  await app.register(portalChangeOfAddressRoutes, { changes: deps.changesOfAddress, unit, clock: deps.clock });
  await app.register(portalDeliveryServiceRoutes, { deliveries: deps.services.deliveries, unit, clock: deps.clock });
  await app.register(portalTrackingRoutes, { alerts: deps.services.trackingAlerts, unit, clock: deps.clock });
  await app.register(portalMailingRoutes, { mailings: deps.services.mailings, unit, clock: deps.clock });
};
