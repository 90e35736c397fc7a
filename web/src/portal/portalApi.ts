import type { CaseStatus } from '../api/cases.ts';
import type { Mailing, MailingPerformance } from '../api/mailings.ts';
import type { RequestStatus } from '../api/privacy-requests.ts';
import { problemOf } from '../api/client.ts';
import { ApiError, problemTypes } from '../api/problem.ts';

/**
 * The customer portal's client for /portal/api: its own cookie (path /portal) and its own
 * CSRF token, never the staff console's. Nothing personal goes in a URL: every value the
 * person types travels in a request body.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

let csrfToken: string | null = null;
const sessionLostListeners = new Set<() => void>();

/**
 * A data request answered 401 (the session ended: signed out elsewhere, or idle too long) or
 * 'sign-in not finished' / 'not linked': the page's guard must look at the session again.
 */
export function onPortalSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

interface Options {
  readonly body?: unknown;
  /** A file sent as the request body itself (not multipart), its name in Content-Disposition, never in the URL. */
  readonly file?: File;
  /** Sign-in steps answer 401 for a wrong password or code: not a lost session. */
  readonly signingIn?: boolean;
  /** Headers of the request's own (the device digest a change of address sends). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One call to /portal/api; exported for the portal's feature clients (changeOfAddressApi.ts) to share its session handling. */
export async function call<T>(method: Method, path: string, { body, file, signingIn = false, headers: own }: Options = {}): Promise<T> {
  const headers: Record<string, string> = { ...own, accept: 'application/json, application/problem+json' };
  if (file) {
    headers['content-type'] = file.type || 'application/octet-stream';
    headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`;
  } else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/portal/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError({
      type: problemTypes.unavailable,
      title: 'Server unreachable',
      status: 0,
      detail: file
        ? 'The file could not be sent: we could not be reached, or a file too large was refused before it was read. Try again.'
        : 'We could not be reached. Check your connection and try again.',
    });
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const result = (text ? JSON.parse(text) : undefined) as T;
    const token = (result as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') csrfToken = token;
    return result;
  }
  const problem = await problemOf(response);
  const lost = response.status === 401 || (response.status === 403 && problem.type === problemTypes.stage);
  if (lost && !signingIn) sessionLostListeners.forEach((listener) => listener());
  throw new ApiError(problem);
}

const post = <T = void>(path: string, body?: unknown, signingIn = false) => call<T>('POST', path, { body: body ?? {}, signingIn });

export type PortalStage = 'mfa' | 'full';

export interface PortalSession {
  readonly agency: string;
  readonly signedIn: boolean;
  readonly stage?: PortalStage;
  readonly linked?: boolean;
  readonly idleMinutes: number;
}

export interface SignedIn {
  readonly stage: PortalStage;
  readonly expiresAt: string;
}

export interface PortalAccount {
  readonly email: string;
  readonly authenticator: boolean;
  readonly linked: boolean;
  /** How the account proved whose record it is: 'knowledge', 'email_code', 'new_customer'. */
  readonly linkMethod: string | null;
  readonly createdAt: string;
}

export interface PortalSessionSummary {
  readonly id: string;
  readonly client: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly current: boolean;
}

export interface PortalCaseSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly channel: string;
  readonly status: CaseStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PortalMessage {
  readonly id: string;
  /** inbound: from the customer; outbound: the agency's answer. */
  readonly kind: 'inbound' | 'outbound';
  readonly channel: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface PortalCaseDetail extends PortalCaseSummary {
  readonly resolutionCode: string | null;
  readonly resolution: string | null;
  readonly resolvedAt: string | null;
  readonly messages: readonly PortalMessage[];
  /** The customer rated how the case was handled (here or by the e-mailed survey link). */
  readonly rated: boolean;
  /** Resolved, not rated, and its survey still open: the rating form is offered. */
  readonly ratable: boolean;
}

/** A file of the customer's case: one they sent with a message, or uploaded here. */
export interface PortalAttachment {
  readonly id: string;
  /** The customer's message it came with; null when uploaded on the portal. */
  readonly messageId: string | null;
  readonly filename: string;
  /** Sniffed from the content by the server. */
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly createdAt: string;
}

export interface PortalProfileValue {
  readonly id: string;
  /** The registry's field: 'email', 'mailing_address', 'ssn_last4', … */
  readonly field: string;
  /** Its name, as the registry gives it ('Mailing address'). */
  readonly fieldName: string;
  /** The value's type within its field ('home', 'work'), if it has one. */
  readonly label: string | null;
  readonly value: string;
  /** Sensitive values arrive masked (••••): the portal never receives them in full. */
  readonly masked: boolean;
  readonly primary: boolean;
}

export type PortalPreferenceName = 'preferredContact' | 'mediaPreference';

/** A preference the customer sets directly: its value on the record and the values the registry takes. */
export interface PortalPreference {
  readonly name: PortalPreferenceName;
  readonly field: string;
  readonly fieldName: string;
  readonly value: string | null;
  readonly choices: readonly string[];
}

export interface PortalProfile {
  readonly name: string;
  readonly values: readonly PortalProfileValue[];
  readonly preferences: readonly PortalPreference[];
}

export interface PortalPrivacyRequest {
  readonly id: string;
  /** 'PA-2026-000001' */
  readonly number: string;
  readonly kind: string;
  readonly status: RequestStatus;
  readonly receivedAt: string;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
  readonly nextDeadline: { readonly name: string; readonly dueAt: string; readonly status: string | null } | null;
  /** An access request whose records can be downloaded. */
  readonly reportReady: boolean;
}

export interface PortalDisclosure {
  readonly id: string;
  readonly disclosedAt: string;
  readonly nature: string;
  readonly purpose: string;
  readonly recipient: { readonly name: string; readonly address: string | null };
  readonly routineUse: string;
  readonly recordType: string;
}

export type PortalRequestKind = 'notification' | 'access';

/**
 * The released records of an access request, for a plain link: a same-origin GET carries the
 * portal cookie and needs no CSRF token, and the browser saves or shows the file itself.
 */
export const recordsUrl = (id: string, format: 'pdf' | 'json') =>
  `/portal/api/privacy/requests/${encodeURIComponent(id)}/records?format=${format}`;

/** One file of a case, for a plain download link (the same-origin GET carries the portal cookie). */
export const portalAttachmentUrl = (caseId: string, attachmentId: string) =>
  `/portal/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const portalApi = {
  session: () => call<PortalSession & { csrfToken?: string }>('GET', '/session'),
  register: (email: string, password: string) => post<{ message: string }>('/auth/register', { email, password }, true),
  verify: (email: string, code: string) => post<SignedIn>('/auth/verify', { email, code }, true),
  resend: (email: string) => post<{ message: string }>('/auth/resend', { email }, true),
  signIn: (email: string, password: string) => post<SignedIn>('/auth/login', { email, password }, true),
  mfa: (code: string) => post<SignedIn>('/auth/mfa', { code }, true),
  requestReset: (email: string) => post<{ message: string }>('/auth/reset', { email }, true),
  completeReset: (email: string, code: string, password: string) => post('/auth/reset/complete', { email, code, password }, true),
  signOut: async () => {
    await post('/auth/logout');
    csrfToken = null;
  },

  account: () => call<PortalAccount>('GET', '/account'),
  sessions: () => call<PortalSessionSummary[]>('GET', '/account/sessions'),
  endSession: (id: string) => call<void>('DELETE', `/account/sessions/${encodeURIComponent(id)}`),
  endAllSessions: async () => {
    await post('/account/sessions/end-all');
    csrfToken = null;
  },
  startAuthenticator: () => post<{ secret: string; uri: string }>('/account/authenticator'),
  confirmAuthenticator: (code: string) => post('/account/authenticator/confirm', { code }, true),
  removeAuthenticator: (password: string) => post('/account/authenticator/remove', { password }, true),

  linkByKnowledge: (surname: string, zip: string, ssnLast4: string) => post<SignedIn>('/link/knowledge', { surname, zip, ssnLast4 }),
  sendLinkCode: (surname: string, zip: string) => post<{ sentTo: string }>('/link/email', { surname, zip }),
  textLinkCode: (surname: string, zip: string) => post<{ sentTo: string }>('/link/phone', { surname, zip }),
  mailLinkCode: (surname: string, zip: string) => post<{ expiresAt: string }>('/link/letter', { surname, zip }),
  confirmLinkCode: (code: string) => post<SignedIn>('/link/confirm', { code }),
  linkAsNew: (name: string) => post<SignedIn>('/link/new', { name }),

  cases: () => call<PortalCaseSummary[]>('GET', '/cases'),
  mailings: () => call<Mailing[]>('GET', '/mailings'),
  mailingPerformance: (id: string) => call<MailingPerformance>('GET', `/mailings/${encodeURIComponent(id)}/performance`),
  case: (id: string) => call<PortalCaseDetail>('GET', `/cases/${encodeURIComponent(id)}`),
  openCase: (title: string, body: string) => post<PortalCaseSummary>('/cases', { title, body }),
  write: (id: string, body: string) => post<PortalCaseDetail>(`/cases/${encodeURIComponent(id)}/messages`, { body }),
  attachments: (id: string) => call<PortalAttachment[]>('GET', `/cases/${encodeURIComponent(id)}/attachments`),
  attach: (id: string, file: File) => call<PortalAttachment>('POST', `/cases/${encodeURIComponent(id)}/attachments`, { file }),
  rate: (id: string, rating: number, comment: string) =>
    post<PortalCaseDetail>(`/cases/${encodeURIComponent(id)}/rating`, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }),

  profile: () => call<PortalProfile>('GET', '/profile'),
  setPreferences: (preferences: Partial<Record<PortalPreferenceName, string>>) =>
    call<PortalProfile>('PUT', '/profile/preferences', { body: preferences }),
  askCorrection: (valueId: string, field: string, value: string, explanation: string) =>
    post<PortalPrivacyRequest>('/profile/corrections', { valueId, field, value, explanation }),
  privacyRequests: () => call<PortalPrivacyRequest[]>('GET', '/privacy/requests'),
  askPrivacy: (kind: PortalRequestKind, details: string) => post<PortalPrivacyRequest>('/privacy/requests', { kind, details }),
  disclosures: () => call<PortalDisclosure[]>('GET', '/privacy/disclosures'),
};
