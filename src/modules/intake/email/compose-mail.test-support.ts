import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** A raw RFC 5322 message as nodemailer writes it: real MIME, the way senders produce it. */
export async function composeMail(mail: Mail.Options): Promise<Buffer> {
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}

/** A tiny but well-formed PDF, enough for content-type and size checks. */
export const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
