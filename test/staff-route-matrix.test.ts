import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';
import { servedRoutes } from './support/route-list.ts';
import { checkPickup, checkRedelivery } from '../src/modules/tracking/index.ts';

// The staff API's authorization matrix as data (issue 7): every route the server has under
// /api, and what each kind of caller gets — staff whose role and business area let them do
// it (the owner), the same role in the other business area (or, where the owner's role reads
// every area, staff of the other area), a role without the action, a portal customer's
// cookie (the staff API does not take it) and nobody. Ids of area A's objects go in the path,
// the query and the body; every object of area A carries the canary, and a refusal must
// carry none of it, no id of area A it was not given, no PDF and nothing bigger than a
// problem document. A list, search or report answers the other party 200 with none of area
// A's data in it; the owner's answer of such rows must show the canary, so its absence
// elsewhere means something. The rows run in order, each as every caller, the owner last:
// reads first, then writes, then what deletes, merges, undoes or rotates.

type Caller = 'owner' | 'otherArea' | 'noGrant' | 'customer' | 'anonymous';
type StaffName = 'agentA' | 'agentB' | 'supA' | 'supB' | 'privacy' | 'records' | 'auditor' | 'admin';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Area A's objects (and the few of area B's the other party works on), made once in beforeAll. */
interface Objects {
  customerA: string;
  customerNumberA: string;
  emailA: string;
  phoneA: string;
  extraValueA: string;
  phoneValueA: string;
  orgA: string;
  dupA1: string;
  dupA2: string;
  dupA3: string;
  mergeA: string;
  customerB: string;
  orgB: string;
  caseA: string;
  caseNumberA: string;
  replyA: string;
  attachmentA: string;
  callA: string;
  /** The case the call opened. */
  callCaseA: string;
  caseB: string;
  requestA: string;
  requestIdentity: string;
  requestWithdraw: string;
  requestDecide: string;
  requestClose: string;
  requestAmend: string;
  incident: string;
  holdA: string;
  holdRelease: string;
  macroA: string;
  macroDelete: string;
  ruleA: string;
  ruleDelete: string;
  tokenA: string;
  /** Changes of address of customer A: one accepted, one held for review, one to decide. */
  moveA: string;
  moveHeld: string;
  moveDecide: string;
  cmra: string;
  /** Holds of customer A's mail: one scheduled, one to cancel, one held for review to decide. */
  holdMailA: string;
  holdMailCancel: string;
  holdMailDecide: string;
  /** A tracking alert of customer A's, by e-mail to an address carrying the canary. */
  trackingAlertA: string;
  /** A mailing of organisation A, its problem notes carrying the canary. */
  mailingA: string;
  /** Pickups of customer A: one to read (its instructions carry the canary), one to cancel, one to complete. */
  deliveryA: string;
  deliveryCancel: string;
  deliveryComplete: string;
  letterA: string;
  spareStaff: string;
  /** A mailpiece image: a shared record of no area. */
  imageA: string;
}

type Fill<T> = (o: Objects, as: Caller) => T;

interface Row {
  readonly method: Method;
  /** The route pattern as the server has it (printRoutes). */
  readonly path: string;
  /** A second row of a route, replayed with other ids (the route's coverage counts its first row). */
  readonly variant?: string;
  /** Who plays the owner, the other area and the role without the grant. */
  readonly as: { readonly owner: StaffName | null; readonly otherArea: StaffName | null; readonly noGrant: StaffName | null };
  /** The URL sent (path filled, query added); the path as is when not given. */
  readonly url?: Fill<string>;
  readonly body?: Fill<object>;
  readonly raw?: { readonly headers: Record<string, string>; readonly payload: Fill<string | Buffer> };
  /** More of area A's data a refused caller must not see (an aggregate names area A, not its objects). */
  readonly hidden?: readonly string[];
  /** The owner's answer shows area A's canary: proof that its absence from the refusals means something. */
  readonly shows?: boolean;
  /** Expected statuses per caller; null: not replayed as that caller (see note). */
  readonly expect: Readonly<Record<Caller, readonly number[] | null>>;
  readonly note?: string;
}

const refused = [403, 404] as const;
/** An id of area A named in the body (not the path) is refused as a field the caller cannot see: 422, no data. */
const refusedInBody = [403, 404, 422] as const;
/** A list, search or lookup answers whoever may not see area A's records 200 with none of them in it. */
const noneOfTheirs = [200] as const;
const unauthenticated = [401] as const;
const address = { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' };
const requester = (name: string) => ({
  name,
  address: {
    deliveryLine: '12 ORCHARD ROW',
    unitDesignator: null,
    unitNumber: null,
    city: 'DAYTON',
    state: 'OH',
    zip5: '45402',
    zip4: null,
  },
});

interface RouteOptions {
  readonly url?: Fill<string>;
  readonly body?: Fill<object>;
  readonly raw?: Row['raw'];
  readonly hidden?: readonly string[];
  /** What the other party gets, when not a refusal: a list or search answers 200 with none of area A's data. */
  readonly otherArea?: readonly number[] | null;
  readonly noGrant?: readonly number[] | null;
  readonly note?: string;
}

/** A route on area A's objects: the owner succeeds, the other area and the role without the grant are refused. */
function route(method: Method, path: string, as: Row['as'], owner: readonly number[], options: RouteOptions = {}): Row {
  const { otherArea, noGrant, ...rest } = options;
  return {
    method,
    path,
    as,
    ...rest,
    expect: {
      owner,
      otherArea: as.otherArea === null ? null : (otherArea ?? refused),
      noGrant: as.noGrant === null ? null : (noGrant ?? refused),
      customer: unauthenticated,
      anonymous: unauthenticated,
    },
  };
}

/** Routes every caller gets the same answer from, signed in or not (deliberately anonymous). */
function publicRoute(method: Method, path: string, status: readonly number[], options: RouteOptions = {}): Row {
  return {
    method,
    path,
    as: { owner: 'agentA', otherArea: 'agentB', noGrant: 'admin' },
    ...(options.url ? { url: options.url } : {}),
    ...(options.body ? { body: options.body } : {}),
    expect: { owner: status, otherArea: status, noGrant: status, customer: status, anonymous: status },
  };
}

/**
 * Steps of the caller's own sign-in (second factor, authenticator, password, sign-out): they
 * act on the session that sends them and no object of anyone's, and would end or change the
 * sessions the other rows need (covered in http-sign-in.test.ts). Replayed here as the portal
 * customer and as nobody: the staff API refuses both.
 */
function ownSessionRoute(method: Method, path: string, body: object): Row {
  return {
    method,
    path,
    as: { owner: null, otherArea: null, noGrant: null },
    body: () => body,
    expect: { owner: null, otherArea: null, noGrant: null, customer: unauthenticated, anonymous: unauthenticated },
    note: 'acts on the caller’s own sign-in only',
  };
}

// Who plays whom, by kind of route.
const caseWork = { owner: 'agentA', otherArea: 'agentB', noGrant: 'auditor' } as const;
const customerWork = { owner: 'agentA', otherArea: 'agentB', noGrant: 'admin' } as const;
const supervision = { owner: 'supA', otherArea: 'supB', noGrant: 'agentA' } as const;
// The privacy office reads every area: the other party is staff of the other area.
const privacyOffice = { owner: 'privacy', otherArea: 'agentB', noGrant: 'auditor' } as const;
const incidentResponse = { owner: 'privacy', otherArea: null, noGrant: 'agentA' } as const;
const recordsManagement = { owner: 'records', otherArea: 'agentB', noGrant: 'agentA' } as const;
const routingWork = { owner: 'supA', otherArea: null, noGrant: 'agentA' } as const;
const printing = { owner: 'supA', otherArea: null, noGrant: 'agentA' } as const;
const administration = { owner: 'admin', otherArea: null, noGrant: 'agentA' } as const;
const auditing = { owner: 'auditor', otherArea: null, noGrant: 'agentA' } as const;
// Every staff role reads the catalog: there is no role without the grant.
const catalogReading = { owner: 'agentA', otherArea: 'agentB', noGrant: null } as const;
const everyStaff = { owner: 'agentA', otherArea: 'agentB', noGrant: 'auditor' } as const;

const today = () => new Date().toISOString().slice(0, 10);
const csv = (o: Objects) => `kind,customer_name,email\nperson,Imported ${canary},imported.${o.customerA.slice(0, 8)}@example.org\n`;
/** Two 4×2 PNGs, and the headers a mailpiece image's upload names its piece and capture in. */
const mailpieceImages = [
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAFklEQVR4AWJiYGD4D8L/oQAkAOQjEAAAAP//wnzomAAAAAZJREFUAwDjpAn7V3Tg2QAAAABJRU5ErkJggg==',
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAFklEQVR4AWJiYPj/H4T/QwFQgAEFAAAAAP//EQ1szAAAAAZJREFUAwAdeQv5aKQkgAAAAABJRU5ErkJggg==',
].map((image) => Buffer.from(image, 'base64'));
const imageHeaders = {
  'content-type': 'image/png',
  'x-imb': '0027012345620080000120260000475',
  'x-facility-zip': '20066',
  'x-captured-at': new Date().toISOString(),
};
/** The same route again, with other ids. */
const variant = (name: string, row: Row): Row => ({ ...row, variant: name });
/** A row whose owner's answer must show area A's canary. */
const shown = (row: Row): Row => ({ ...row, shows: true });
const otherOr = (as: Caller, other: string, own: string) => (as === 'otherArea' ? other : own);

const rows: Row[] = [
  // Sign-in and the caller's own session.
  publicRoute('POST', '/api/auth/login', [401], { body: () => ({ username: 'nobody', password: 'not the password at all' }) }),
  route('GET', '/api/auth/session', everyStaff, [200], { otherArea: [200], noGrant: [200], note: 'the caller’s own session' }),
  ownSessionRoute('POST', '/api/auth/mfa', { code: '000000' }),
  ownSessionRoute('POST', '/api/auth/totp/enrol', {}),
  ownSessionRoute('POST', '/api/auth/totp/confirm', { code: '000000' }),
  ownSessionRoute('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'a long new passphrase here' }),
  ownSessionRoute('POST', '/api/auth/logout', {}),
  // Single sign-on is not configured in this app: every caller gets the same answer.
  publicRoute('GET', '/api/auth/oidc', [200]),
  publicRoute('GET', '/api/auth/oidc/', [200]),
  publicRoute('GET', '/api/auth/oidc/start', [404]),
  publicRoute('GET', '/api/auth/oidc/callback', [404], { url: () => '/api/auth/oidc/callback?code=x&state=y' }),

  // Customers: area A's customer in the path, the query and the body.
  route('GET', '/api/customers/fields', catalogReading, [200], { otherArea: [200], note: 'the form’s fields: no customer data' }),
  shown(
    route('POST', '/api/customers/search', customerWork, [200], {
      body: (o) => ({ email: o.emailA }),
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(route('GET', '/api/customers/:id', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}?reveal=ssn_last4` })),
  route('GET', '/api/customers/:id/history', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/history` }),
  route('GET', '/api/customers/:id/duplicates', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/duplicates` }),
  shown(route('GET', '/api/customers/:id/merges', customerWork, [200], { url: (o) => `/api/customers/${o.dupA1}/merges` })),
  shown(route('GET', '/api/customers/:id/calls', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/calls?limit=5` })),
  shown(
    route('GET', '/api/lookup', customerWork, [200], {
      url: (o) => `/api/lookup?q=${encodeURIComponent(o.emailA)}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(
    route('GET', '/api/lookup/', customerWork, [200], {
      url: (o) => `/api/lookup/?q=${encodeURIComponent(o.emailA)}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(
    route('POST', '/api/lookup', customerWork, [200], {
      body: (o) => ({ q: o.customerNumberA }),
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(
    route('POST', '/api/lookup/', customerWork, [200], {
      body: (o) => ({ q: o.customerA }),
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(
    route('GET', '/api/lookup/phone/:number', customerWork, [200], {
      url: (o) => `/api/lookup/phone/${encodeURIComponent(o.phoneA)}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  route('POST', '/api/customers', customerWork, [201], {
    body: (o) => ({
      kind: 'organisation',
      businessArea: 'trademarks',
      values: [{ field: 'company_name', value: 'Orchard Holdings' }],
      contacts: [{ customerId: o.customerA, relationship: 'billing' }],
    }),
  }),
  route('POST', '/api/customers/', customerWork, [201], {
    body: (o) => ({
      kind: 'organisation',
      businessArea: 'trademarks',
      values: [{ field: 'company_name', value: 'Orchard Holdings Two' }],
      contacts: [{ customerId: o.customerA, relationship: 'other' }],
    }),
  }),
  route('POST', '/api/customers/import', customerWork, [201], {
    url: () => '/api/customers/import?businessArea=trademarks',
    raw: { headers: { 'content-type': 'text/csv' }, payload: csv },
  }),
  // A dry run answers only those who could import into the area.
  variant(
    'dry run',
    route('POST', '/api/customers/import', customerWork, [200], {
      url: () => '/api/customers/import?businessArea=trademarks&dryRun=true',
      raw: { headers: { 'content-type': 'text/csv' }, payload: csv },
    }),
  ),
  route('POST', '/api/customers/import/', customerWork, [201], {
    url: () => '/api/customers/import/?businessArea=trademarks',
    raw: { headers: { 'content-type': 'text/csv' }, payload: csv },
  }),
  route('POST', '/api/customers/:id/values', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/values`,
    body: () => ({ values: [{ field: 'phone', value: '(718) 555-0177', label: 'work' }] }),
  }),
  route('POST', '/api/customers/:id/contacts', customerWork, [201], {
    // The other party names area A's customer in the body of its own organisation's contact.
    url: (o, as) => `/api/customers/${otherOr(as, o.orgB, o.orgA)}/contacts`,
    body: (o) => ({ customerId: o.customerA, relationship: 'billing' }),
    otherArea: refusedInBody,
  }),

  // Cases of area A.
  shown(
    route('GET', '/api/cases', caseWork, [200], {
      url: (o) => `/api/cases?customerId=${o.customerA}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(
    route('GET', '/api/cases/', caseWork, [200], {
      url: () => '/api/cases/?businessArea=trademarks',
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  route('GET', '/api/cases/by-number/:number', caseWork, [200], { url: (o) => `/api/cases/by-number/${o.caseNumberA}` }),
  shown(route('GET', '/api/cases/:id', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}` })),
  route('GET', '/api/cases/:id/sla', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}/sla` }),
  shown(route('GET', '/api/cases/:id/calls', caseWork, [200], { url: (o) => `/api/cases/${o.callCaseA}/calls` })),
  shown(route('GET', '/api/calls/:id', caseWork, [200], { url: (o) => `/api/calls/${o.callA}` })),
  // Unlike the case itself (404), its survey answers are a list: empty to whoever may not read the case.
  route('GET', '/api/cases/:id/survey-responses', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}/survey-responses` }),
  shown(route('GET', '/api/cases/:id/attachments', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}/attachments` })),
  shown(
    route('GET', '/api/cases/:id/attachments/:attachmentId', caseWork, [200], {
      url: (o) => `/api/cases/${o.caseA}/attachments/${o.attachmentA}`,
    }),
  ),
  route('GET', '/api/cases/:id/messages/:messageId/letter.pdf', caseWork, [200], {
    url: (o) => `/api/cases/${o.caseA}/messages/${o.replyA}/letter.pdf`,
  }),
  route('GET', '/api/cases/:id/messages/:messageId/fax.pdf', caseWork, [200], {
    url: (o) => `/api/cases/${o.caseA}/messages/${o.replyA}/fax.pdf`,
  }),
  // The other area's supervisor sees the workload and reports of their own area: area A not even by name.
  route('GET', '/api/workload', supervision, [200], { otherArea: noneOfTheirs, hidden: ['trademarks'] }),
  route('GET', '/api/sla/at-risk', supervision, [200], { otherArea: noneOfTheirs, hidden: ['trademarks'] }),
  route('POST', '/api/cases', caseWork, [201], {
    body: (o) => ({
      customerId: o.customerA,
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      businessArea: 'trademarks',
      title: 'A second question',
      body: 'About the same parcel.',
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  route('POST', '/api/cases/', caseWork, [201], {
    body: (o) => ({
      customerId: o.customerA,
      channel: 'letter',
      recordType: 'usps-880/inquiry',
      businessArea: 'trademarks',
      title: 'A third question',
      body: 'Another letter.',
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  route('POST', '/api/calls', caseWork, [201], {
    body: (o) => ({
      customerId: o.customerA,
      direction: 'outbound',
      durationSeconds: 30,
      businessArea: 'trademarks',
      openCase: { title: 'Callback' },
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  route('POST', '/api/cases/:id/assign', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}/assign`, body: () => ({ assignee: 'me' }) }),
  route('POST', '/api/cases/:id/classification', caseWork, [200], {
    url: (o) => `/api/cases/${o.caseA}/classification`,
    body: () => ({ priority: 'high', addTags: ['follow-up'] }),
  }),
  route('POST', '/api/cases/:id/notes', caseWork, [201], { url: (o) => `/api/cases/${o.caseA}/notes`, body: () => ({ body: 'Checked.' }) }),
  route('POST', '/api/cases/:id/replies', caseWork, [201], {
    url: (o) => `/api/cases/${o.caseA}/replies`,
    body: () => ({ to: [], body: 'We are looking into it.' }),
  }),
  route('POST', '/api/cases/:id/links', caseWork, [201], {
    url: (o) => `/api/cases/${o.caseA}/links`,
    body: () => ({ kind: 'article', number: 'EJ958083937US' }),
  }),
  route('POST', '/api/cases/:id/attachments', caseWork, [201], {
    url: (o) => `/api/cases/${o.caseA}/attachments`,
    raw: {
      headers: { 'content-type': 'text/plain', 'content-disposition': "attachment; filename*=UTF-8''more.txt" },
      payload: () => 'A further page of the letter.\n',
    },
  }),
  route('POST', '/api/cases/:id/status', caseWork, [200], {
    url: (o) => `/api/cases/${o.caseA}/status`,
    body: () => ({ status: 'pending_customer' }),
  }),
  route('POST', '/api/cases/:id/messages', caseWork, [201], {
    url: (o) => `/api/cases/${o.caseA}/messages`,
    body: () => ({ channel: 'letter', body: 'The customer wrote again.' }),
  }),
  route('POST', '/api/cases/:id/macros/:macroId/preview', caseWork, [200], {
    url: (o) => `/api/cases/${o.caseA}/macros/${o.macroA}/preview`,
  }),

  // Mixed ids: the other party names its own case in the path and area A's object beside it.
  variant(
    'own case, area A’s attachment',
    route('GET', '/api/cases/:id/attachments/:attachmentId', caseWork, [200], {
      url: (o, as) => `/api/cases/${otherOr(as, o.caseB, o.caseA)}/attachments/${o.attachmentA}`,
    }),
  ),
  variant(
    'own case, area A’s message',
    route('GET', '/api/cases/:id/messages/:messageId/letter.pdf', caseWork, [200], {
      url: (o, as) => `/api/cases/${otherOr(as, o.caseB, o.caseA)}/messages/${o.replyA}/letter.pdf`,
    }),
  ),
  variant(
    'own case, area A’s macro',
    route('POST', '/api/cases/:id/macros/:macroId/preview', caseWork, [200], {
      url: (o, as) => `/api/cases/${otherOr(as, o.caseB, o.caseA)}/macros/${o.macroA}/preview`,
      // 422 /params/macroId: a macro of another area than the case's (its text is not shown).
      otherArea: refusedInBody,
    }),
  ),
  // A customer merged into another answers its owner 303 to the survivor; nobody else learns the survivor.
  variant('a merged customer', route('GET', '/api/customers/:id', customerWork, [303], { url: (o) => `/api/customers/${o.dupA2}` })),

  // Changes of address of area A's customer; the fraud review queue (fraud.review, area-scoped records);
  // the CMRA list (settings.manage, no personal data).
  route('POST', '/api/customers/:id/changes-of-address', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/changes-of-address`,
    body: () => move('Ottoline', 'passed'),
  }),
  shown(
    route('GET', '/api/customers/:id/changes-of-address', customerWork, [200], {
      url: (o) => `/api/customers/${o.customerA}/changes-of-address?limit=10`,
    }),
  ),
  shown(route('GET', '/api/changes-of-address/:id', customerWork, [200], { url: (o) => `/api/changes-of-address/${o.moveA}` })),
  route('GET', '/api/changes-of-address/:id/letters/old.pdf', customerWork, [200], {
    url: (o) => `/api/changes-of-address/${o.moveA}/letters/old.pdf`,
  }),
  route('GET', '/api/changes-of-address/:id/letters/new.pdf', customerWork, [200], {
    url: (o) => `/api/changes-of-address/${o.moveA}/letters/new.pdf`,
  }),
  shown(route('GET', '/api/changes-of-address/review', supervision, [200], { otherArea: noneOfTheirs })),
  route('POST', '/api/changes-of-address/:id/decision', supervision, [200], {
    url: (o) => `/api/changes-of-address/${o.moveDecide}/decision`,
    body: () => ({ decision: 'deny', reason: 'The customer did not ask for it.' }),
  }),
  route('GET', '/api/changes-of-address/cmra-addresses', administration, [200]),
  route('POST', '/api/changes-of-address/cmra-addresses', administration, [201], {
    body: () => ({ lines: '500 Commerce St', city: 'Dayton', state: 'OH', zip: '45402' }),
  }),

  // Hold mail of area A's customer; its fraud review (fraud.review); the delivery unit's list, which
  // answers staff who may not read area A's records 200 with none of them.
  route('POST', '/api/customers/:id/hold-mail', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/hold-mail`,
    body: () => holdMail(`Ottoline ${canary}`, 'passed'),
  }),
  shown(route('GET', '/api/customers/:id/hold-mail', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/hold-mail` })),
  shown(route('GET', '/api/hold-mail/:id', customerWork, [200], { url: (o) => `/api/hold-mail/${o.holdMailA}` })),
  shown(
    route('GET', '/api/hold-mail/delivery-list', customerWork, [200], {
      url: () => `/api/hold-mail/delivery-list?zip=45402&date=${holdDay(6)}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(route('GET', '/api/hold-mail/review', supervision, [200], { otherArea: noneOfTheirs })),
  route('POST', '/api/hold-mail/:id/decision', supervision, [200], {
    url: (o) => `/api/hold-mail/${o.holdMailDecide}/decision`,
    body: () => ({ decision: 'deny', reason: 'The customer did not ask for it.' }),
  }),
  route('POST', '/api/hold-mail/:id/cancel', customerWork, [200], { url: (o) => `/api/hold-mail/${o.holdMailCancel}/cancel` }),

  // Redeliveries, pickups and delivery preferences of area A's customer.
  route('POST', '/api/customers/:id/redeliveries', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/redeliveries`,
    // Run before the list below: the owner's redelivery is what the list shows of area A.
    body: () => ({
      articleNumbers: ['9212391234567812345670'],
      date: deliveryDay('redelivery'),
      option: 'deliver',
      instructions: `Gate ${canary}`,
    }),
  }),
  shown(route('GET', '/api/customers/:id/redeliveries', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/redeliveries` })),
  route('POST', '/api/customers/:id/pickups', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/pickups`,
    body: () => pickupOf(`Porch ${canary}`),
  }),
  shown(route('GET', '/api/customers/:id/pickups', customerWork, [200], { url: (o) => `/api/customers/${o.customerA}/pickups` })),
  shown(route('GET', '/api/delivery-requests/:id', customerWork, [200], { url: (o) => `/api/delivery-requests/${o.deliveryA}` })),
  route('POST', '/api/delivery-requests/:id/cancel', customerWork, [200], {
    url: (o) => `/api/delivery-requests/${o.deliveryCancel}/cancel`,
  }),
  route('POST', '/api/delivery-requests/:id/complete', customerWork, [200], {
    url: (o) => `/api/delivery-requests/${o.deliveryComplete}/complete`,
  }),
  shown(
    route('GET', '/api/customers/:id/delivery-preferences', customerWork, [200], {
      url: (o) => `/api/customers/${o.customerA}/delivery-preferences`,
    }),
  ),
  route('PUT', '/api/customers/:id/delivery-preferences', customerWork, [200], {
    url: (o) => `/api/customers/${o.customerA}/delivery-preferences`,
    body: () => ({
      whenAbsent: 'redeliver',
      deliveryDays: [1],
      preferredContact: null,
      dropShipCodes: [],
      instructions: `Knock ${canary}`,
    }),
  }),

  // Tracking alerts of area A's customer: the contact is theirs, so area-scoped like the customer.
  route('POST', '/api/customers/:id/tracking-alerts', customerWork, [201], {
    url: (o) => `/api/customers/${o.customerA}/tracking-alerts`,
    body: () => ({ number: 'EJ958083935US', channel: 'text', phone: '202-555-0147', carrier: 'verizon', events: 'all' }),
  }),
  shown(
    route('GET', '/api/customers/:id/tracking-alerts', customerWork, [200], {
      url: (o) => `/api/customers/${o.customerA}/tracking-alerts`,
    }),
  ),
  route('DELETE', '/api/tracking-alerts/:id', customerWork, [200], { url: (o) => `/api/tracking-alerts/${o.trackingAlertA}` }),

  // Mailings of area A's organisation: area-scoped like their customer; the performance counts its pieces' scans.
  route('POST', '/api/customers/:id/mailings', customerWork, [201], {
    url: (o) => `/api/customers/${o.orgA}/mailings`,
    body: () => mailingOf('SPRING-2'),
  }),
  shown(route('GET', '/api/customers/:id/mailings', customerWork, [200], { url: (o) => `/api/customers/${o.orgA}/mailings` })),
  shown(route('GET', '/api/mailings/:id', customerWork, [200], { url: (o) => `/api/mailings/${o.mailingA}` })),
  route('GET', '/api/mailings/:id/performance', customerWork, [200], { url: (o) => `/api/mailings/${o.mailingA}/performance` }),
  route('PATCH', '/api/mailings/:id', customerWork, [200], {
    url: (o) => `/api/mailings/${o.mailingA}`,
    body: () => ({ status: 'inducted' }),
  }),

  // Mail tracking: events are shared records of no area (the other area's agent finds them too);
  // feeds are loaded by integrations (tracking.ingest), not by the staff who look them up.
  route('POST', '/api/tracking/events', { owner: 'admin', otherArea: null, noGrant: 'agentA' }, [200], {
    url: () => '/api/tracking/events?invalid=skip',
    raw: {
      headers: { 'content-type': 'application/x-ndjson' },
      payload: () =>
        `${JSON.stringify({ article: 'EJ958083935US', event: 'acceptance', at: new Date().toISOString(), source: 'retail' })}\n`,
    },
  }),
  route('POST', '/api/tracking/lookup', caseWork, [200], {
    body: () => ({ by: 'article', number: 'EJ958083935US' }),
    otherArea: [200],
  }),
  // Mailpiece images: shared records too, uploaded by integrations; a lookup's IMb goes in the body.
  route('POST', '/api/tracking/images', { owner: 'admin', otherArea: null, noGrant: 'agentA' }, [201], {
    raw: { headers: imageHeaders, payload: () => mailpieceImages[1]! },
  }),
  route('POST', '/api/tracking/images/lookup', caseWork, [200], {
    body: () => ({ imb: '00270123456200800002' }),
    otherArea: [200],
  }),
  route('GET', '/api/tracking/images/:id', caseWork, [200], { url: (o) => `/api/tracking/images/${o.imageA}`, otherArea: [200] }),
  // The tracking of a case's articles goes by the case: hidden like it; a customer's, by the cases the caller reads.
  route('GET', '/api/cases/:id/tracking', caseWork, [200], { url: (o) => `/api/cases/${o.caseA}/tracking` }),
  route('GET', '/api/customers/:id/tracking', caseWork, [200], {
    url: (o) => `/api/customers/${o.customerA}/tracking`,
    otherArea: noneOfTheirs,
    noGrant: noneOfTheirs,
  }),

  // Supervision: reports, macros, routing, the print queue.
  route('GET', '/api/reports/cases', supervision, [200], {
    url: () => `/api/reports/cases?from=${today()}&to=${today()}`,
    otherArea: noneOfTheirs,
    hidden: ['trademarks'],
  }),
  route('GET', '/api/reports/satisfaction', supervision, [200], {
    url: () => `/api/reports/satisfaction?from=${today()}&to=${today()}&by=area`,
    otherArea: noneOfTheirs,
    hidden: ['trademarks'],
  }),
  // Agents read the macros of their areas; the other area's agent must not see area A's.
  shown(
    route('GET', '/api/macros', { owner: 'supA', otherArea: 'agentB', noGrant: 'auditor' }, [200], {
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  route('POST', '/api/macros', { owner: 'supA', otherArea: 'agentB', noGrant: 'auditor' }, [201], {
    body: (_o, as) => ({ name: `Macro by ${as}`, body: 'Hello {{customer.name}}.', businessArea: 'trademarks' }),
  }),
  route('PUT', '/api/macros/:id', { owner: 'supA', otherArea: 'agentB', noGrant: 'auditor' }, [200], {
    url: (o) => `/api/macros/${o.macroA}`,
    body: () => ({ name: 'Macro A', body: `Dear {{customer.name}}, ${canary}`, businessArea: 'trademarks' }),
  }),
  // Routing and printing are not area-scoped (routing.manage, letters.print): there is no other area's
  // supervisor to refuse. The rules are configuration every staff member reads (no personal data).
  route('GET', '/api/routing/rules', routingWork, [200], { noGrant: [200] }),
  // Before any rule is added: the order lists every rule.
  route('PUT', '/api/routing/order', routingWork, [200], { body: (o) => ({ ids: [o.ruleA, o.ruleDelete] }) }),
  route('PUT', '/api/routing/rules/:id', routingWork, [200], {
    url: (o) => `/api/routing/rules/${o.ruleA}`,
    body: () => ({ name: 'Rule A', conditions: { channels: ['letter'] }, actions: { businessArea: 'trademarks' } }),
  }),
  route('POST', '/api/routing/rules', routingWork, [201], {
    body: () => ({ name: 'Rule for faxes', conditions: { channels: ['fax'] }, actions: { businessArea: 'trademarks' } }),
  }),
  route('POST', '/api/routing/preview', routingWork, [200], {
    body: () => ({ channel: 'letter', customerType: 'person', title: 'Lost parcel', body: 'Where is it?' }),
    noGrant: [200],
  }),
  // Who works an area: its own staff see each other; the other area's get nobody.
  route('GET', '/api/routing/staff', caseWork, [200], {
    url: () => '/api/routing/staff?area=trademarks',
    otherArea: noneOfTheirs,
    noGrant: noneOfTheirs,
  }),
  route('GET', '/api/print-queue', printing, [200]),
  route('GET', '/api/print-queue/', printing, [200]),
  // Area A's customer's link-code letter: the batch is its PDF; the id goes in the body of printed.
  route('POST', '/api/print-queue/batch', printing, [200], { body: (o) => ({ ids: [o.letterA] }) }),
  route('POST', '/api/print-queue/printed', printing, [200], { body: (o) => ({ ids: [o.letterA] }) }),

  // The accounting of disclosures.
  route('GET', '/api/disclosures/routine-uses', catalogReading, [200], { otherArea: [200] }),
  route('POST', '/api/disclosures', caseWork, [201], {
    body: (o) => ({
      recordTable: 'cases',
      recordId: o.caseA,
      nature: 'copy',
      purpose: 'Claim file sent to the claims adjustment contractor.',
      recipient: { name: 'Crabtree Adjusters', address: '12 Orchard Row, Dayton OH 45402' },
      recipientKind: 'contractor',
      routineUse: 'standard:4',
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  shown(route('GET', '/api/disclosures', privacyOffice, [200], { url: (o) => `/api/disclosures?subjectId=${o.customerA}` })),
  shown(
    route('GET', '/api/disclosures/recipients', privacyOffice, [200], {
      url: (o) => `/api/disclosures/recipients?recordTable=cases&recordId=${o.caseA}`,
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),

  // Privacy Act requests of area A's customer.
  shown(route('GET', '/api/privacy/requests', privacyOffice, [200], { otherArea: noneOfTheirs, noGrant: noneOfTheirs })),
  shown(
    route('GET', '/api/privacy/requests/', privacyOffice, [200], {
      url: () => '/api/privacy/requests/?limit=50',
      otherArea: noneOfTheirs,
      noGrant: noneOfTheirs,
    }),
  ),
  shown(route('GET', '/api/privacy/requests/:id', privacyOffice, [200], { url: (o) => `/api/privacy/requests/${o.requestA}` })),
  route('GET', '/api/privacy/requests/:id/events', privacyOffice, [200], { url: (o) => `/api/privacy/requests/${o.requestA}/events` }),
  route('GET', '/api/privacy/requests/:id/access-report', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestA}/access-report?format=pdf`,
  }),
  route('GET', '/api/privacy/requests/:id/letters/:file', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestA}/letters/acknowledgement.pdf`,
  }),
  route('POST', '/api/privacy/requests', caseWork, [201], {
    body: (o) => ({
      kind: 'notification',
      channel: 'letter',
      customerId: o.customerA,
      requester: requester('Ottoline'),
      details: 'Do you hold records about me?',
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  route('POST', '/api/privacy/requests/', caseWork, [201], {
    body: (o) => ({
      kind: 'access',
      channel: 'email',
      customerId: o.customerA,
      requester: requester('Ottoline'),
      details: 'A copy, please.',
    }),
    otherArea: refusedInBody,
    noGrant: refusedInBody,
  }),
  route('POST', '/api/privacy/requests/:id/identity', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestIdentity}/identity`,
    body: () => ({ method: 'document', evidence: 'Passport seen' }),
  }),
  route('POST', '/api/privacy/requests/:id/acknowledge', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestIdentity}/acknowledge`,
  }),
  route('POST', '/api/privacy/requests/:id/withdraw', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestWithdraw}/withdraw`,
  }),
  route('POST', '/api/privacy/requests/:id/decision', privacyOffice, [200], {
    url: (o) => `/api/privacy/requests/${o.requestDecide}/decision`,
    body: () => ({ outcome: 'denied', reason: 'Exempt material.' }),
  }),
  route('POST', '/api/privacy/requests/:id/appeal', caseWork, [201], {
    url: (o) => `/api/privacy/requests/${o.requestDecide}/appeal`,
    body: () => ({ channel: 'letter', details: 'I appeal.' }),
  }),
  route('POST', '/api/privacy/requests/:id/close', privacyOffice, [200], { url: (o) => `/api/privacy/requests/${o.requestClose}/close` }),
  route('POST', '/api/privacy/requests/:id/statement', privacyOffice, [201], {
    url: (o) => `/api/privacy/requests/${o.requestAmend}/statement`,
    body: () => ({ statement: 'I disagree with the record.' }),
  }),

  // Privacy incidents: the privacy office's alone, not area-scoped.
  shown(route('GET', '/api/privacy/incidents', incidentResponse, [200])),
  shown(route('GET', '/api/privacy/incidents/', incidentResponse, [200])),
  shown(route('GET', '/api/privacy/incidents/:id', incidentResponse, [200], { url: (o) => `/api/privacy/incidents/${o.incident}` })),
  route('GET', '/api/privacy/incidents/:id/events', incidentResponse, [200], { url: (o) => `/api/privacy/incidents/${o.incident}/events` }),
  route('POST', '/api/privacy/incidents/:id/blast-radius', incidentResponse, [200], {
    url: (o) => `/api/privacy/incidents/${o.incident}/blast-radius`,
  }),
  route('GET', '/api/privacy/incidents/:id/letters.pdf', incidentResponse, [200], {
    url: (o) => `/api/privacy/incidents/${o.incident}/letters.pdf`,
  }),
  route('GET', '/api/privacy/incidents/:id/letters/:file', incidentResponse, [200], {
    url: (o) => `/api/privacy/incidents/${o.incident}/letters/${o.customerA}.pdf`,
  }),
  route('POST', '/api/privacy/incidents/:id/emails', incidentResponse, [200], {
    url: (o) => `/api/privacy/incidents/${o.incident}/emails`,
  }),
  route('POST', '/api/privacy/incidents/:id/steps/:step', incidentResponse, [200], {
    url: (o) => `/api/privacy/incidents/${o.incident}/steps/reported_to_cisa`,
    body: () => ({}),
  }),
  route('POST', '/api/privacy/incidents', incidentResponse, [201], { body: () => incidentDeclaration('Second look') }),
  route('POST', '/api/privacy/incidents/', incidentResponse, [201], { body: () => incidentDeclaration('Third look') }),

  // Privacy notices and the PIA.
  // The notices as published: every staff member reads them; publishing is the privacy office's.
  route('GET', '/api/privacy/notices', privacyOffice, [200], { otherArea: [200], noGrant: [200] }),
  route('POST', '/api/privacy/notices/:id/publish', privacyOffice, [201], { url: () => '/api/privacy/notices/880.000/publish' }),
  route('GET', '/api/privacy/pia', catalogReading, [200], { otherArea: [200] }),
  route('GET', '/api/privacy/pia.pdf', catalogReading, [200], { otherArea: [200] }),
  route('GET', '/api/catalog/notices', catalogReading, [200], { otherArea: [200] }),
  route('GET', '/api/catalog/notices/:id', catalogReading, [200], { url: () => '/api/catalog/notices/880.000', otherArea: [200] }),
  route('GET', '/api/catalog/notices/:id/federal-register', catalogReading, [200], {
    url: () => '/api/catalog/notices/880.000/federal-register',
    otherArea: [200],
  }),
  route('GET', '/api/catalog/record-types', catalogReading, [200], { otherArea: [200] }),

  // Retention and legal holds: records managers, across areas.
  route('GET', '/api/retention/rules', catalogReading, [200], { otherArea: [200] }),
  route('GET', '/api/retention/forecast', recordsManagement, [200]),
  route('GET', '/api/retention/check', recordsManagement, [200]),
  route('GET', '/api/retention/certificates', recordsManagement, [200]),
  shown(route('GET', '/api/retention/holds', recordsManagement, [200])),
  route('POST', '/api/retention/holds', recordsManagement, [201], {
    body: (o) => ({ scope: { subjectId: o.customerA }, reason: 'Litigation.', owner: 'Office of General Counsel', reviewOn: '2027-06-01' }),
  }),
  route('POST', '/api/retention/holds/:id/release', recordsManagement, [200], {
    url: (o) => `/api/retention/holds/${o.holdRelease}/release`,
    body: () => ({ note: 'Case settled.' }),
  }),
  // The end of a relationship reschedules the customer's records in every area: the privacy office's.
  route('PUT', '/api/retention/relationship-ends/:subjectId', privacyOffice, [200], {
    url: (o) => `/api/retention/relationship-ends/${o.customerA}`,
    body: () => ({ endedOn: '2025-06-01' }),
  }),

  // The audit log.
  // The audit log holds ids, not content: no canary to show, but area A's ids are the refusals' secrets.
  route('GET', '/api/audit', auditing, [200], { url: (o) => `/api/audit?subject=${o.customerA}` }),
  route('GET', '/api/audit/', auditing, [200], { url: (o) => `/api/audit/?recordId=${o.caseA}` }),
  route('GET', '/api/audit/verify', auditing, [200]),

  // Administration: users, areas, keys. No customer data, not area-scoped.
  route('GET', '/api/admin/users', administration, [200]),
  route('POST', '/api/admin/users', administration, [201], {
    body: () => ({
      username: 'newcomer',
      displayName: 'Newcomer',
      password: 'a one-time passphrase',
      roles: ['agent'],
      businessAreas: ['trademarks'],
    }),
  }),
  route('PATCH', '/api/admin/users/:id', administration, [200], {
    url: (o) => `/api/admin/users/${o.spareStaff}`,
    body: () => ({ displayName: 'Spare Agent' }),
  }),
  route('POST', '/api/admin/users/:id/mfa-reset', administration, [200], { url: (o) => `/api/admin/users/${o.spareStaff}/mfa-reset` }),
  // The areas' names and descriptions: every staff member reads them (no personal data).
  route('GET', '/api/admin/business-areas', administration, [200], { noGrant: [200] }),
  route('PUT', '/api/admin/business-areas/:id', administration, [200], {
    url: () => '/api/admin/business-areas/designs',
    body: () => ({ name: 'Designs', description: 'Design patents' }),
  }),
  route('GET', '/api/admin/keys', administration, [200]),
  route('GET', '/api/admin/keys/', administration, [200]),

  // API tokens: each user's own.
  shown(route('GET', '/api/tokens', everyStaff, [200], { otherArea: [200], noGrant: [200] })),
  route('POST', '/api/tokens', everyStaff, [201], {
    body: () => ({ name: 'another script', scopes: ['record.read'], expiresInDays: 30 }),
    otherArea: [201],
    // A scope the auditor does not hold: /body/scopes.
    noGrant: [422],
  }),

  // Public: deliberately anonymous; every caller gets the same answer.
  publicRoute('GET', '/api/public/inquiries/form', [200]),
  // 429: the public form is rate-limited per client address, whoever sends it.
  publicRoute('POST', '/api/public/inquiries', [422, 429], { body: () => ({ name: 'x' }) }),
  publicRoute('POST', '/api/public/inquiries/', [422, 429], { body: () => ({ name: 'x' }) }),
  publicRoute('GET', '/api/public/surveys/:token', [404], { url: () => `/api/public/surveys/${'x'.repeat(43)}` }),
  publicRoute('POST', '/api/public/surveys/:token', [404], {
    url: () => `/api/public/surveys/${'x'.repeat(43)}`,
    body: () => ({ rating: 5 }),
  }),

  // Last: rows that delete, merge, undo or rotate.
  route('DELETE', '/api/customers/:id/values/:valueId', customerWork, [204], {
    url: (o) => `/api/customers/${o.customerA}/values/${o.extraValueA}`,
  }),
  route('POST', '/api/customers/:id/merge', customerWork, [200], {
    // The other party merges area A's customer (in the body) into its own (in the path).
    url: (o, as) => `/api/customers/${otherOr(as, o.customerB, o.dupA1)}/merge`,
    body: (o) => ({ mergedId: o.dupA3 }),
  }),
  route('POST', '/api/customers/merges/:mergeId/undo', customerWork, [200], { url: (o) => `/api/customers/merges/${o.mergeA}/undo` }),
  route('DELETE', '/api/macros/:id', { owner: 'supA', otherArea: 'agentB', noGrant: 'auditor' }, [204], {
    url: (o) => `/api/macros/${o.macroDelete}`,
  }),
  route('DELETE', '/api/routing/rules/:id', routingWork, [204], { url: (o) => `/api/routing/rules/${o.ruleDelete}` }),
  route('DELETE', '/api/tokens/:id', everyStaff, [204], { url: (o) => `/api/tokens/${o.tokenA}`, otherArea: [404], noGrant: [404] }),
  route('DELETE', '/api/changes-of-address/cmra-addresses/:id', administration, [204], {
    url: (o) => `/api/changes-of-address/cmra-addresses/${o.cmra}`,
  }),
  route('POST', '/api/admin/keys/rotate', administration, [202], { body: () => ({ resume: false }) }),
];

let t: TestApp;
let relay: TestRelay;
const mail = inbox();
const password = 'correct horse battery staple';
const staff = {} as Record<StaffName, Client>;
let customer: PortalBrowser;
const o = {} as Objects;
const canary = `Qz${randomUUID()
  .replace(/-/g, '')
  .slice(0, 16)
  .replace(/[0-9a-f]/g, (c) => 'abcdefghijklmnop'['0123456789abcdef'.indexOf(c)]!)}`;
const now = () => new Date(t.clock.now);

function move(name: string, outcome: 'passed' | 'failed') {
  return {
    moveType: 'individual',
    duration: 'permanent',
    name,
    effectiveDate: today(),
    oldAddress: address,
    newAddress: { lines: '400 Main St', city: 'Dayton', state: 'OH', zip: '45402' },
    verification: { method: 'in_person_id', outcome },
  };
}

/** 'YYYY-MM-DD' n days after the test clock: a hold starts tomorrow at the earliest. */
const holdDay = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
/** The first day from 2 days on that the service takes for a redelivery or a pickup (no Sundays; no holidays for pickups). */
function deliveryDay(kind: 'redelivery' | 'pickup'): string {
  for (let n = 2; ; n++) {
    const date = holdDay(n);
    try {
      if (kind === 'pickup')
        checkPickup({ date, packageCount: 1, totalWeightLb: 1, location: 'front_door' }, t.clock.now, 'America/New_York');
      else checkRedelivery({ articleNumbers: ['9212391234567812345670'], date, option: 'post_office' }, t.clock.now, 'America/New_York');
      return date;
    } catch {
      continue;
    }
  }
}
const pickupOf = (instructions: string) => ({
  date: deliveryDay('pickup'),
  packageCount: 2,
  totalWeightLb: 9,
  location: 'front_door',
  instructions,
});

/** A mailing of letters entered at the delivery unit, from a postage statement dated tomorrow. */
const mailingOf = (mailingId: string, problems: string | null = null) => ({
  mailingId,
  mailerId: '123456',
  serialFirst: 1,
  serialLast: 500,
  postageStatement: '771',
  mailingDate: holdDay(1),
  mailClass: 'marketing',
  processingCategory: 'letters',
  priceCategory: 'Automation',
  presortLevel: 'carrier_route',
  pieceCount: 500,
  weightGrams: 14_000,
  postageCents: 12_000,
  permitNumber: '42',
  permitType: 'permit_imprint',
  entry: 'ddu',
  dropShipCode: 'DDU45402',
  problems,
});

function holdMail(name: string, outcome: 'passed' | 'failed') {
  return {
    name,
    beginDate: holdDay(5),
    endDate: holdDay(12),
    address,
    endAction: 'deliver',
    verification: { method: 'in_person_id', outcome },
  };
}

function incidentDeclaration(title: string) {
  return {
    title,
    description: `A staff route may have shown records of one area to another (${title}).`,
    windowStart: new Date(Date.now() - 86_400_000).toISOString(),
    windowEnd: new Date().toISOString(),
    suspectedRoutes: ['GET /portal/api/cases/:id'],
  };
}

async function ok(response: Promise<LightMyRequestResponse>, status: number): Promise<Record<string, unknown>> {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(status);
  return answer.statusCode === 204 ? {} : answer.json();
}
const id = async (response: Promise<LightMyRequestResponse>, status = 201) => (await ok(response, status)).id as string;

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  await t.addArea('trademarks');
  await t.addArea('patents');
  const people: [StaffName, Parameters<TestApp['addStaff']>[2], string[]][] = [
    ['agentA', ['agent'], ['trademarks']],
    ['agentB', ['agent'], ['patents']],
    ['supA', ['supervisor'], ['trademarks']],
    ['supB', ['supervisor'], ['patents']],
    ['privacy', ['privacy_officer'], []],
    ['records', ['records_manager'], []],
    ['auditor', ['auditor'], []],
    ['admin', ['administrator'], []],
  ];
  for (const [name, roles, areas] of people) {
    await t.addStaff(name.toLowerCase(), password, roles, areas);
    staff[name] = client(t.app);
    await staff[name].signIn(name.toLowerCase(), password, now);
  }
  o.spareStaff = await t.addStaff('spare', password, ['agent'], ['trademarks']);
  customer = await registeredAccount(t.app, mail, 'customer@example.org', 'a long and private passphrase');
  expect((await customer.post('/portal/api/link/new', { name: 'Portal Customer' })).statusCode).toBe(200);

  const { agentA, agentB, supA, privacy, records } = staff;
  const suffix = randomUUID().slice(0, 8);
  o.emailA = `ottoline.${suffix}@example.org`;
  o.phoneA = '(718) 555-0134';
  const person = (name: string, area: string, extra: object[] = []) => ({
    kind: 'person',
    businessArea: area,
    values: [{ field: 'customer_name', value: name }, ...extra],
  });
  const a = await ok(
    agentA.post(
      '/api/customers',
      person(`Ottoline ${canary}`, 'trademarks', [
        { field: 'email', value: o.emailA },
        { field: 'phone', value: o.phoneA },
        { field: 'fax', value: '(718) 555-0199' },
        { field: 'mailing_address', value: address, label: 'home' },
        { field: 'customer_number', value: `CN${suffix}` },
        { field: 'ssn_last4', value: '6789' },
      ]),
    ),
    201,
  );
  o.customerA = a.id as string;
  o.customerNumberA = `CN${suffix}`;
  o.phoneValueA = (a.values as { id: string; field: string }[]).find((v) => v.field === 'phone')!.id;
  const extra = await agentA.post(`/api/customers/${o.customerA}/values`, {
    values: [{ field: 'email', value: `second.${suffix}@example.org` }],
  });
  expect(extra.statusCode, extra.body).toBe(201);
  o.extraValueA = (extra.json() as { id: string }[])[0]!.id;
  const org = (name: string, area: string) => ({
    kind: 'organisation',
    businessArea: area,
    values: [{ field: 'company_name', value: name }],
  });
  o.orgA = await id(agentA.post('/api/customers', org(`Orchard ${canary} Company`, 'trademarks')));
  o.dupA1 = await id(agentA.post('/api/customers', person(`Leopoldine ${canary}`, 'trademarks')));
  o.dupA2 = await id(agentA.post('/api/customers', person(`Leopoldina ${canary}`, 'trademarks')));
  o.dupA3 = await id(agentA.post('/api/customers', person(`Leopold ${canary}`, 'trademarks')));
  o.mergeA = (await ok(agentA.post(`/api/customers/${o.dupA1}/merge`, { mergedId: o.dupA2 }), 200)).mergeId as string;
  o.customerB = await id(agentB.post('/api/customers', person('Bartholomew Other', 'patents')));
  o.orgB = await id(agentB.post('/api/customers', org('Other Holdings', 'patents')));

  const opened = await ok(
    agentA.post('/api/cases', {
      customerId: o.customerA,
      channel: 'letter',
      recordType: 'usps-880/inquiry',
      businessArea: 'trademarks',
      title: `Parcel ${canary}`,
      body: `Letter ${canary}`,
    }),
    201,
  );
  o.caseA = opened.id as string;
  o.caseNumberA = opened.number as string;
  await ok(agentA.post(`/api/cases/${o.caseA}/notes`, { body: `Note ${canary}` }), 201);
  o.replyA = await id(agentA.post(`/api/cases/${o.caseA}/replies`, { to: [], body: `Reply ${canary}` }));
  o.attachmentA = await id(
    agentA.request({
      method: 'POST',
      url: `/api/cases/${o.caseA}/attachments`,
      headers: { 'content-type': 'text/plain', 'content-disposition': `attachment; filename*=UTF-8''${canary}.txt` },
      payload: `Attachment ${canary}\n`,
    }),
  );
  const call = await ok(
    agentA.post('/api/calls', {
      customerId: o.customerA,
      direction: 'inbound',
      number: '718.555.0134',
      durationSeconds: 60,
      notes: `Call ${canary}`,
      businessArea: 'trademarks',
      openCase: { title: `Call about ${canary}` },
    }),
    201,
  );
  o.callA = call.id as string;
  o.callCaseA = call.caseId as string;
  o.caseB = await id(
    agentB.post('/api/cases', {
      customerId: o.customerB,
      channel: 'letter',
      recordType: 'usps-880/inquiry',
      businessArea: 'patents',
      title: 'Other area case',
      body: 'Other area letter',
    }),
  );
  await ok(
    agentA.post('/api/disclosures', {
      recordTable: 'cases',
      recordId: o.caseA,
      nature: 'copy',
      purpose: `Sent ${canary}`,
      recipient: { name: `Recipient ${canary}`, address: '1 Main St, Dayton OH 45402' },
      recipientKind: 'contractor',
      routineUse: 'standard:4',
    }),
    201,
  );

  const request = (kind: string, extraBody: object = {}) =>
    id(
      agentA.post('/api/privacy/requests', {
        kind,
        channel: 'letter',
        customerId: o.customerA,
        requester: requester(`Ottoline ${canary}`),
        details: `Details ${canary}`,
        ...extraBody,
      }),
    );
  const verify = (requestId: string) =>
    ok(privacy.post(`/api/privacy/requests/${requestId}/identity`, { method: 'document', evidence: 'Passport seen' }), 200);
  o.requestA = await request('access');
  await verify(o.requestA);
  await ok(privacy.post(`/api/privacy/requests/${o.requestA}/acknowledge`), 200);
  o.requestIdentity = await request('access');
  o.requestWithdraw = await request('notification');
  o.requestDecide = await request('access');
  await verify(o.requestDecide);
  o.requestClose = await request('access');
  await verify(o.requestClose);
  await ok(privacy.post(`/api/privacy/requests/${o.requestClose}/decision`, { outcome: 'granted' }), 200);
  o.requestAmend = await request('amendment', {
    target: { recordTable: 'customer_values', recordId: o.phoneValueA, field: 'phone', requestedValue: '(718) 555-0111' },
  });
  await verify(o.requestAmend);
  await ok(privacy.post(`/api/privacy/requests/${o.requestAmend}/decision`, { outcome: 'denied', reason: 'The record is right.' }), 200);

  // A portal response in the incident's window that showed area A's customer to another customer:
  // the blast radius names customer A, whose letter the incident rows then print.
  await t.database.db
    .insertInto('audit_log')
    .values({
      at: new Date(t.clock.now.getTime() - 3_600_000),
      actor_kind: 'customer',
      actor_id: o.customerB,
      actor_role: 'customer',
      action: 'portal.response',
      subjects: [o.customerB, o.customerA],
      purpose: 'portal',
      outcome: 'ok',
      detail: JSON.stringify({ session: randomUUID(), route: 'GET /portal/api/cases/:id', status: 200 }),
    })
    .execute();
  o.incident = (
    (await ok(privacy.post('/api/privacy/incidents', incidentDeclaration(`Incident ${canary}`)), 201)).incident as { id: string }
  ).id;
  await ok(privacy.post(`/api/privacy/incidents/${o.incident}/steps/contained`, {}), 200);
  await ok(privacy.post(`/api/privacy/incidents/${o.incident}/steps/confirmed`, {}), 200);
  const hold = (reason: string) =>
    id(
      records.post('/api/retention/holds', {
        scope: { caseId: o.caseA },
        reason,
        owner: 'Office of General Counsel',
        reviewOn: '2027-06-01',
      }),
    );
  o.holdA = await hold(`Hold ${canary}`);
  o.holdRelease = await hold(`Release ${canary}`);
  const macro = (name: string) =>
    id(supA.post('/api/macros', { name, body: `Dear {{customer.name}}, ${canary}`, businessArea: 'trademarks' }));
  o.macroA = await macro('Macro A');
  o.macroDelete = await macro('Macro to delete');
  const rule = (name: string) =>
    id(supA.post('/api/routing/rules', { name, conditions: { channels: ['letter'] }, actions: { businessArea: 'trademarks' } }));
  o.ruleA = await rule('Rule A');
  o.ruleDelete = await rule('Rule to delete');
  const moved = (outcome: 'passed' | 'failed') =>
    ok(agentA.post(`/api/customers/${o.customerA}/changes-of-address`, move(`Ottoline ${canary}`, outcome)), 201);
  const accepted = await moved('passed');
  expect(accepted.status).toBe('accepted');
  o.moveA = accepted.id as string;
  // Held: identity verification failed (and a second request on the record within 30 days).
  const held = await moved('failed');
  expect(held.status, JSON.stringify(held.screening)).toBe('in_review');
  o.moveHeld = held.id as string;
  // Another of area A's customers, whose held request the decision row decides.
  const mover = await id(
    agentA.post(
      '/api/customers',
      person(`Mortimer ${canary}son`, 'trademarks', [{ field: 'mailing_address', value: address, label: 'home' }]),
    ),
  );
  const toDecide = await ok(agentA.post(`/api/customers/${mover}/changes-of-address`, move(`Mortimer ${canary}son`, 'failed')), 201);
  expect(toDecide.status, JSON.stringify(toDecide.screening)).toBe('in_review');
  o.moveDecide = toDecide.id as string;
  o.cmra = await id(
    staff.admin.post('/api/changes-of-address/cmra-addresses', { lines: '9 Box Row', city: 'Dayton', state: 'OH', zip: '45402' }),
  );
  const holdOf = async (outcome: 'passed' | 'failed', status: string) => {
    const hold = await ok(agentA.post(`/api/customers/${o.customerA}/hold-mail`, holdMail(`Ottoline ${canary}`, outcome)), 201);
    expect(hold.status, JSON.stringify(hold.screening)).toBe(status);
    return hold.id as string;
  };
  o.holdMailA = await holdOf('passed', 'scheduled');
  o.holdMailCancel = await holdOf('passed', 'scheduled');
  // Held: identity verification failed.
  o.holdMailDecide = await holdOf('failed', 'in_review');
  const pickupFor = async () =>
    (await ok(agentA.post(`/api/customers/${o.customerA}/pickups`, pickupOf(`Porch ${canary}`)), 201)).id as string;
  o.deliveryA = await pickupFor();
  o.deliveryCancel = await pickupFor();
  o.deliveryComplete = await pickupFor();
  await ok(
    agentA.request({
      method: 'PUT',
      url: `/api/customers/${o.customerA}/delivery-preferences`,
      payload: { whenAbsent: 'redeliver', deliveryDays: [1], preferredContact: null, dropShipCodes: [], instructions: `Knock ${canary}` },
    }),
    200,
  );
  o.trackingAlertA = (
    await ok(
      agentA.post(`/api/customers/${o.customerA}/tracking-alerts`, {
        number: 'EJ958083935US',
        channel: 'email',
        email: `${canary}@example.org`,
        events: 'delivery_and_exceptions',
      }),
      201,
    )
  ).id as string;
  o.mailingA = (await ok(agentA.post(`/api/customers/${o.orgA}/mailings`, mailingOf('SPRING-1', `Tray short ${canary}`)), 201))
    .id as string;
  // Someone asks the portal to link them to customer A by a letter to A's address: a letter in the print queue.
  const asker = await registeredAccount(t.app, mail, 'asker@example.org', 'a long and private passphrase');
  await ok(asker.post('/portal/api/link/letter', { surname: canary, zip: '45402' }), 202);
  const queue = (await ok(supA.get('/api/print-queue'), 200)) as unknown as { id: string }[];
  expect(queue).toHaveLength(1);
  o.letterA = queue[0]!.id;
  o.tokenA = (
    (await ok(agentA.post('/api/tokens', { name: `Script ${canary}`, scopes: ['record.read'], expiresInDays: 30 }), 201)).apiToken as {
      id: string;
    }
  ).id;
  o.imageA = await id(
    staff.admin.request({ method: 'POST', url: '/api/tracking/images', headers: imageHeaders, payload: mailpieceImages[0]! }),
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

/** Area A's data a refused caller must not see: the canary, and the ids of area A's objects it was not given. */
function leaks(body: string, sent: string, hidden: readonly string[] = []): string[] {
  const secrets = [
    canary,
    o.caseNumberA,
    ...hidden,
    // Not area A's: B's own objects, a staff account, the routing rules (configuration every staff member reads).
    ...Object.values(o).filter(
      (v) => /^[0-9a-f-]{36}$/.test(v) && ![o.customerB, o.orgB, o.caseB, o.spareStaff, o.ruleA, o.ruleDelete].includes(v),
    ),
  ];
  return secrets.filter((secret) => body.includes(secret) && !sent.includes(secret));
}

async function send(row: Row, caller: Caller): Promise<{ response: LightMyRequestResponse; sent: string }> {
  const url = row.url ? row.url(o, caller) : row.path;
  const body = row.body?.(o, caller);
  const raw = row.raw;
  const payload = raw ? raw.payload(o, caller) : body;
  const options: InjectOptions = {
    method: row.method,
    url,
    ...(raw ? { headers: raw.headers } : {}),
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  };
  const sent =
    url +
    (payload === undefined ? '' : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload.toString() : JSON.stringify(payload));
  if (caller === 'anonymous') return { response: await t.app.inject(options), sent };
  if (caller === 'customer') {
    // The portal customer's cookie and CSRF token, sent to the staff API.
    const headers: Record<string, string> = { ...(raw?.headers ?? {}), cookie: `caseline_portal=${customer.cookie}` };
    if (customer.csrf && row.method !== 'GET') headers['x-csrf-token'] = customer.csrf;
    return { response: await t.app.inject({ ...options, headers }), sent };
  }
  return { response: await staff[row.as[caller]!].request(options), sent };
}

describe('the staff route matrix', () => {
  it('lists every route the server has under /api', () => {
    const served = servedRoutes(t.app, '/api/');
    const listed = rows.filter((row) => !row.variant).map((row) => `${row.method} ${row.path}`);
    expect(new Set(listed).size, 'a route listed twice').toBe(listed.length);
    const missing = [...served].filter((route) => !listed.includes(route)).sort();
    const gone = listed.filter((route) => !served.has(route)).sort();
    expect({ missing, gone }, 'routes of the server not in the table, and rows of routes it no longer has').toEqual({
      missing: [],
      gone: [],
    });
  });

  it('answers an unknown /api path 401 to nobody and 404 to staff', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(401);
    expect((await staff.agentA.get('/api/no-such-thing')).statusCode).toBe(404);
  });

  // Callers in this order: the refused ones reach each object before the owner may change it.
  const callers: Caller[] = ['anonymous', 'customer', 'noGrant', 'otherArea', 'owner'];
  describe.each(rows.map((row) => [`${row.method} ${row.path}${row.variant ? ` (${row.variant})` : ''}`, row] as const))(
    '%s',
    (_name, row) => {
      const replayed = callers.filter((caller) => row.expect[caller] !== null);
      it.each(replayed.map((caller) => [caller, row.as[caller as 'owner'] ?? caller, row.expect[caller]!.join(' or ')]))(
        'as %s (%s): %s',
        async (caller) => {
          const { response, sent } = await send(row, caller);
          const expected = row.expect[caller]!;
          expect(expected, `${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
          if (caller === 'owner') {
            if (row.shows) expect(response.body, 'the owner sees area A’s canary').toContain(canary);
            return;
          }
          expect(leaks(response.body, sent, row.hidden), `area A's data in the answer to ${caller}`).toEqual([]);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(response.rawPayload.length).toBeLessThan(2000);
          }
          if (expected.every((s) => s >= 400)) expect(String(response.headers['content-type'])).not.toContain('application/pdf');
        },
      );
    },
  );
});
