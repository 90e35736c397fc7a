import type { FastifyReply } from 'fastify';

/** A generated PDF, shown in the browser and kept out of caches (it holds personal data). */
export function sendPdf(reply: FastifyReply, pdf: Buffer, name: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `inline; filename="${name}"`)
    .send(pdf);
}
