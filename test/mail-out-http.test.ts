import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// The server as `caseline serve` runs it: with CASELINE_SMTP_RELAY set, an agent's reply over
// HTTP is queued with the case message and the sender started with the listening server hands
// it to the relay; closing the server stops the sender.
let t: TestApp;
let agent: Client;
let relay: TestRelay;
const received: Buffer[] = [];
let arrived: () => void = () => undefined;
const password = 'correct horse battery staple';

beforeAll(async () => {
  relay = await startTestRelay((raw) => {
    received.push(raw);
    arrived();
  });
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  await t.addStaff('agnes', password, ['agent'], []);
  agent = client(t.app);
  await agent.signIn('agnes', password, () => new Date(t.clock.now));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

describe('outbound e-mail in the server', () => {
  it('e-mails an agent’s reply to an e-mail case, and names a bad recipient field', async () => {
    const opened = await agent.post('/api/cases', {
      channel: 'email',
      recordType: 'usps-880/usps-com-care',
      sender: { name: 'Ada Reader', email: 'ada@example.org' },
      title: 'Where is my parcel?',
      body: 'It has not come.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id, number } = opened.json() as { id: string; number: string };

    const bad = await agent.post(`/api/cases/${id}/replies`, { to: ['ada at example'], body: 'Hello.' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('/body/to/0');
    expect(bad.body).not.toContain('ada at example');

    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    const reply = await agent.post(`/api/cases/${id}/replies`, { to: [], body: 'It arrives tomorrow.' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ kind: 'outbound', to: ['ada@example.org'] });
    await delivered;
    const mail = await simpleParser(received.at(-1)!);
    expect(mail.subject).toBe(`[${number}] Re: Where is my parcel?`);
    expect(mail.headers.get('x-caseline-case')).toBe(number);
    expect(mail.text?.trim()).toBe('It arrives tomorrow.');
    // The relay's 250 comes before the sender records it: wait (bounded) for its log line.
    for (let i = 0; i < 200 && !t.logs.some((line) => line.includes('outbound e-mail sent')); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    // Nothing personal in the server's log.
    const log = t.logs.join('\n');
    expect(log).toContain('outbound e-mail sent');
    expect(log).not.toContain('ada@example.org');
    expect(log).not.toContain('arrives tomorrow');
  });
});
