import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createOidcSignIn, type SecretBox, type StaffAuth } from '../access/index.ts';
import { defaultOidcLabel, type Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { installAuth } from './auth.ts';
import { installErrorHandler } from './error-handler.ts';
import { installWebConsole } from './web-console.ts';
import { portalApi, portalAuthFor } from './portal.ts';
import { loggerOptions } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { ProblemSchema } from './problem.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { auditRoutes } from './routes/audit.ts';
import { customerRoutes } from './routes/customers.ts';
import { caseRoutes } from './routes/cases.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { routingRoutes } from './routes/routing.ts';
import { letterRoutes } from './routes/letters.ts';
import { printQueueRoutes } from './routes/print-queue.ts';
import { trackingRoutes } from './routes/tracking.ts';
import { mailpieceImageRoutes } from './routes/mailpiece-images.ts';
import { createAlertDispatcher, createMailpieceImages, startAlertSchedule, type AlertSchedule } from '../modules/tracking/index.ts';
import { trackingAlertRoutes } from './routes/tracking-alerts.ts';
import { createPortalMailer } from '../access/index.ts';
import { caseTrackingRoutes } from './routes/case-tracking.ts';
import { createCaseTracking } from '../modules/case-tracking/index.ts';
import { createLinkLetters } from '../modules/portal/index.ts';
import { createHttpTextGateway } from '../modules/text-messages/index.ts';
import { macroRoutes } from './routes/macros.ts';
import { customerImportRoutes } from './routes/customer-import.ts';
import { lookupRoutes } from './routes/lookup.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { callRoutes } from './routes/calls.ts';
import { changeOfAddressRoutes, changeOfAddressServiceFor } from './routes/change-of-address.ts';
import { deliveryServiceRoutes } from './routes/delivery-services.ts';
import { holdMailRoutes } from './routes/hold-mail.ts';
import { mailingRoutes } from './routes/mailings.ts';
import { disclosureRoutes } from './routes/disclosures.ts';
import { privacyRequestRoutes } from './routes/privacy-requests.ts';
import { privacyIncidentRoutes } from './routes/privacy-incidents.ts';
import { publicInquiryRoutes } from './routes/public-inquiries.ts';
import { createWebInquiryIntake } from '../modules/intake/index.ts';
import { startSlaMonitor, type SlaMonitor } from '../modules/cases/index.ts';
import { slaRoutes } from './routes/sla.ts';
import { surveyRoutes } from './routes/surveys.ts';
import { surveyReportRoutes } from './routes/survey-reports.ts';
import { caseReportRoutes } from './routes/case-reports.ts';
import { retentionRoutes } from './routes/retention.ts';
import { noticeRoutes } from './routes/notices.ts';
import { createMailSender } from '../modules/mail-out/index.ts';
import { createServices, type Services } from '../services.ts';
import {
  piaConfigurationOf,
  startRetentionSchedule,
  type RetentionSchedule,
  startRequestReminders,
  type RequestReminders,
} from '../modules/privacy/index.ts';

import { createSecretBox, type LocalKeyring, type Vault } from '../crypto/index.ts';
import { keyRoutes } from './routes/keys.ts';
import { auditBacklog } from '../access/index.ts';
import type { KeyObject } from 'node:crypto';

export interface AppDeps {
  readonly config: Config;
  readonly database: Database;
  readonly staffAuth: StaffAuth;
  /** The audit checkpoint signing key's public half, for verification. */
  readonly publicKey: KeyObject;
  readonly vault: Vault;
  readonly keyring: LocalKeyring;
  readonly clock: () => Date;
  /** Tests pass a stream to read what the server logs; production logs to stdout. */
  readonly logStream?: NodeJS.WritableStream;
  readonly metrics?: Metrics;
  /** The modules wired together; built here when the caller has none to share (the e-mail intake uses the same). */
  readonly services?: Services;
  /** The built web console; default web/dist. */
  readonly consoleRoot?: string;
}

export type App = FastifyInstance;

function serverOptions(deps: AppDeps): FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } } {
  const { config } = deps;
  const logger = { ...(loggerOptions(config.logLevel) as object), ...(deps.logStream ? { stream: deps.logStream } : {}) };
  return {
    logger: logger as FastifyServerOptions['logger'],
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    ...(config.tlsCert && config.tlsKey ? { https: { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) } } : {}),
  };
}

/**
 * @fastify/cookie's signer for `signed: true` cookies: AES-256-GCM under a key derived from
 * the keyring's root secret (crypto/ holds it; nothing here is hard-coded), so a signed
 * cookie can be neither forged nor read, and every server sharing the keyring accepts it.
 */
function sealedCookieSigner(secrets: SecretBox) {
  const context = 'http.signed-cookie';
  return {
    sign: (value: string) => secrets.seal(value, context).toString('base64url'),
    unsign(input: string) {
      try {
        return { valid: true as const, renew: false, value: secrets.open(Buffer.from(input, 'base64url'), context) };
      } catch {
        return { valid: false as const, renew: false as const, value: null };
      }
    },
  };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify(serverOptions(deps)).withTypeProvider<TypeBoxTypeProvider>();
  const metrics = deps.metrics ?? createMetrics();
  metrics.gauge('caseline_audit_unsealed_entries', 'Audit entries written but not yet sealed into the hash chain', () =>
    auditBacklog(deps.database.db),
  );

  installErrorHandler(app, await installWebConsole(app, deps.consoleRoot));
  app.addSchema(ProblemSchema);
  await app.register(cookie, { secret: sealedCookieSigner(createSecretBox(deps.keyring)) });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // Only where TLS is ours to offer; on plain http it would break every asset.
        upgradeInsecureRequests: deps.config.tlsCert ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.tlsCert ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Caseline API',
        version: '0.1.0',
        description: 'Customer contact and case management that obeys its own System of Records Notice. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'caseline_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  // Personal data must never sit in a shared cache: every API answer is no-store.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      reply.header('vary', 'Cookie, Authorization');
    }
    metrics.observe(request, reply);
  });

  installAuth(app, { staffAuth: deps.staffAuth, db: deps.database.db, statements: deps.database.statements, clock: deps.clock });

  app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
  await app.register(healthRoutes, { database: deps.database, metrics });
  await app.register(authRoutes, {
    prefix: '/api/auth',
    staffAuth: deps.staffAuth,
    signInRateLimit: deps.config.signInRateLimit,
    idleMinutes: deps.config.sessionIdleMinutes,
    timeZone: deps.config.timeZone,
  });
  await app.register(oidcRoutes, {
    prefix: '/api/auth/oidc',
    oidc: deps.config.oidc ? createOidcSignIn({ db: deps.database.db, clock: deps.clock, settings: deps.config.oidc }) : null,
    label: defaultOidcLabel,
    signInRateLimit: deps.config.signInRateLimit,
  });
  await app.register(adminRoutes, { prefix: '/api', database: deps.database, clock: deps.clock });
  await app.register(catalogRoutes, { prefix: '/api/catalog' });
  await app.register(keyRoutes, { prefix: '/api/admin/keys', database: deps.database, keyring: deps.keyring, clock: deps.clock });
  const services = deps.services ?? createServices(deps);
  const { customers, routing, surveys, cases, finder, merger, sla, macros, letters } = services;
  if (deps.config.smtpRelay && deps.config.mailFrom) {
    const mailLog = app.log.child({ module: 'mail-out' });
    const sender = createMailSender({
      database: deps.database,
      vault: deps.vault,
      cases,
      relay: deps.config.smtpRelay,
      from: deps.config.mailFrom,
      clock: deps.clock,
      logger: {
        info: (fields, message) => mailLog.info(fields, message),
        warn: (fields, message) => mailLog.warn(fields, message),
        error: (fields, message) => mailLog.error(fields, message),
      },
    });
    // With the server, not with every app built (tests inject without listening).
    app.addHook('onListen', async () => sender.start());
    app.addHook('onClose', async () => sender.stop());
  }
  await app.register(customerRoutes, { prefix: '/api/customers', database: deps.database, customers, finder, merger, clock: deps.clock });
  await app.register(customerImportRoutes, { prefix: '/api/customers/import', database: deps.database, customers, clock: deps.clock });
  await app.register(lookupRoutes, { prefix: '/api/lookup', database: deps.database, finder, cases, clock: deps.clock });
  await app.register(caseRoutes, { prefix: '/api/cases', database: deps.database, cases, clock: deps.clock });
  await app.register(slaRoutes, { prefix: '/api', database: deps.database, sla, clock: deps.clock });
  // Warnings and breaches are announced by the serving process, once a minute.
  let slaMonitor: SlaMonitor | null = null;
  const slaLog = app.log.child({ module: 'sla' });
  app.addHook('onListen', async () => {
    slaMonitor = startSlaMonitor({
      database: deps.database,
      sla,
      clock: deps.clock,
      intervalMs: 60_000,
      log: (event) => slaLog.info(event),
    });
  });
  app.addHook('onClose', async () => slaMonitor?.stop());
  // Records past their retention are disposed of by the serving process, every hour.
  let retentionSchedule: RetentionSchedule | null = null;
  const retentionLog = app.log.child({ module: 'retention' });
  app.addHook('onListen', async () => {
    retentionSchedule = startRetentionSchedule({
      database: deps.database,
      sweep: services.retention,
      clock: deps.clock,
      intervalMs: 60 * 60_000,
      log: (event) => retentionLog.info(event),
    });
  });
  app.addHook('onClose', async () => retentionSchedule?.stop());
  // The privacy office is reminded of Privacy Act deadlines 3 business days ahead and when past.
  let requestReminders: RequestReminders | null = null;
  const privacyLog = app.log.child({ module: 'privacy-requests' });
  app.addHook('onListen', async () => {
    requestReminders = startRequestReminders({
      database: deps.database,
      clock: deps.clock,
      intervalMs: 60 * 60_000,
      log: (event) => privacyLog.info(event),
    });
  });
  app.addHook('onClose', async () => requestReminders?.stop());
  await app.register(attachmentRoutes, {
    prefix: '/api/cases',
    database: deps.database,
    attachments: services.attachments,
    clock: deps.clock,
  });
  await app.register(surveyRoutes, {
    prefix: '/api/public/surveys',
    database: deps.database,
    surveys,
    clock: deps.clock,
    rateLimit: deps.config.signInRateLimit,
  });
  await app.register(surveyReportRoutes, {
    prefix: '/api',
    database: deps.database,
    surveys,
    reports: services.satisfaction,
    clock: deps.clock,
  });
  await app.register(caseReportRoutes, {
    prefix: '/api',
    database: deps.database,
    reports: services.caseReports,
    clock: deps.clock,
  });
  await app.register(callRoutes, {
    prefix: '/api',
    database: deps.database,
    calls: services.calls,
    clock: deps.clock,
  });
  await app.register(holdMailRoutes, { prefix: '/api', database: deps.database, holds: services.holdMail, clock: deps.clock });
  await app.register(deliveryServiceRoutes, {
    prefix: '/api',
    database: deps.database,
    deliveries: services.deliveries,
    clock: deps.clock,
  });
  // One change-of-address service for the staff routes and the portal's.
  const changesOfAddress = changeOfAddressServiceFor({
    vault: deps.vault,
    keyring: deps.keyring,
    customers: services.customers,
    letterhead: deps.config.agency,
    timeZone: deps.config.timeZone,
  });
  await app.register(changeOfAddressRoutes, { prefix: '/api', database: deps.database, changes: changesOfAddress, clock: deps.clock });
  await app.register(mailingRoutes, { prefix: '/api', database: deps.database, mailings: services.mailings, clock: deps.clock });
  await app.register(disclosureRoutes, {
    prefix: '/api',
    database: deps.database,
    disclosures: services.disclosures,
    clock: deps.clock,
  });
  await app.register(privacyRequestRoutes, {
    prefix: '/api/privacy/requests',
    database: deps.database,
    requests: services.privacyRequests,
    clock: deps.clock,
    agency: deps.config.agency.name,
    timeZone: deps.config.timeZone,
  });
  await app.register(privacyIncidentRoutes, {
    prefix: '/api/privacy/incidents',
    database: deps.database,
    incidents: services.incidents,
    clock: deps.clock,
  });
  await app.register(publicInquiryRoutes, {
    prefix: '/api/public/inquiries',
    intake: createWebInquiryIntake({
      database: deps.database,
      cases,
      finder,
      tokens: services.formTokens,
      clock: deps.clock,
    }),
    rateLimit: deps.config.webFormRateLimit,
  });
  await app.register(routingRoutes, { prefix: '/api/routing', database: deps.database, routing, clock: deps.clock });
  await app.register(letterRoutes, {
    prefix: '/api/cases',
    database: deps.database,
    letters,
    clock: deps.clock,
    // The live satisfaction survey link of a resolved case, printed in its letter.
    surveyUrl: services.surveyLink,
  });
  await app.register(trackingRoutes, { prefix: '/api/tracking', database: deps.database, clock: deps.clock });
  await app.register(mailpieceImageRoutes, {
    prefix: '/api/tracking',
    database: deps.database,
    images: createMailpieceImages(deps.keyring),
    clock: deps.clock,
  });
  await app.register(trackingAlertRoutes, { prefix: '/api', database: deps.database, alerts: services.trackingAlerts, clock: deps.clock });
  // Tracking alerts go out from the serving process every minute, and soon after a feed is loaded.
  let alertSchedule: AlertSchedule | null = null;
  const alertLog = app.log.child({ module: 'tracking-alerts' });
  app.addHook('onListen', async () => {
    alertSchedule = startAlertSchedule(
      createAlertDispatcher({
        database: deps.database,
        vault: deps.vault,
        mailer:
          deps.config.smtpRelay && deps.config.mailFrom
            ? createPortalMailer({ relay: deps.config.smtpRelay, from: deps.config.mailFrom })
            : null,
        texts: deps.config.textGateway ? createHttpTextGateway(deps.config.textGateway) : null,
        clock: deps.clock,
        timeZone: deps.config.timeZone,
      }),
      { intervalMs: 60_000, log: (event) => alertLog.info(event) },
    );
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === '/api/tracking/events' && reply.statusCode === 200) alertSchedule?.nudge();
  });
  app.addHook('onClose', async () => alertSchedule?.stop());
  await app.register(caseTrackingRoutes, {
    prefix: '/api',
    database: deps.database,
    tracking: createCaseTracking(cases),
    clock: deps.clock,
  });
  await app.register(printQueueRoutes, {
    prefix: '/api/print-queue',
    letters: createLinkLetters({
      database: deps.database,
      portalAuth: portalAuthFor(deps, null),
      customers: services.customers,
      letterhead: deps.config.agency,
      timeZone: deps.config.timeZone,
    }),
    clock: deps.clock,
  });
  await app.register(macroRoutes, { prefix: '/api', database: deps.database, macros, clock: deps.clock });
  await app.register(retentionRoutes, {
    prefix: '/api/retention',
    database: deps.database,
    clock: deps.clock,
    timeZone: deps.config.timeZone,
  });
  await app.register(portalApi, {
    prefix: '/portal/api',
    database: deps.database,
    vault: deps.vault,
    keyring: deps.keyring,
    clock: deps.clock,
    smtpRelay: deps.config.smtpRelay,
    mailFrom: deps.config.mailFrom,
    textGateway: deps.config.textGateway ? createHttpTextGateway(deps.config.textGateway) : null,
    signInRateLimit: deps.config.signInRateLimit,
    services,
    agency: deps.config.agency.name,
    timeZone: deps.config.timeZone,
    changesOfAddress,
  });
  await app.register(noticeRoutes, {
    prefix: '/api/privacy',
    database: deps.database,
    clock: deps.clock,
    pia: piaConfigurationOf(deps.config),
  });
  await app.register(auditRoutes, {
    prefix: '/api/audit',
    database: deps.database,
    clock: deps.clock,
    publicKey: deps.publicKey,
    checkpointFile: deps.config.auditCheckpointFile,
  });
  return app;
}
