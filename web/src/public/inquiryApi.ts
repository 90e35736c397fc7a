import { api } from '../api/client.ts';

/** GET /api/public/inquiries/form: a form token (good for 2 hours and one inquiry) and the categories. */
export interface InquiryForm {
  readonly token: string;
  readonly categories: readonly { readonly id: string; readonly label: string }[];
}

export interface Inquiry {
  readonly token: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly category: string;
  readonly subject: string;
  readonly message: string;
  /** The honeypot: people never see it, so it is always sent empty by them. */
  readonly website: string;
}

export const fetchInquiryForm = () => api.get<InquiryForm>('/api/public/inquiries/form');
export const sendInquiry = (inquiry: Inquiry) => api.post<{ received: true; caseNumber: string }>('/api/public/inquiries', inquiry);
