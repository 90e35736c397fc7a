import nodemailer from 'nodemailer';

/** Sends the portal's one-time codes. A code is committed before it is sent, so a failed send only means asking again. */
export interface PortalMailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

/** Through the same relay as the rest of Caseline's mail (CASELINE_SMTP_RELAY), at once: a code is wanted now, not after a retry. */
export function createPortalMailer(options: { readonly relay: string; readonly from: string }): PortalMailer {
  const transport = nodemailer.createTransport({
    url: options.relay,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from: options.from, to, subject, text, headers: { 'Auto-Submitted': 'auto-generated' } });
    },
  };
}
