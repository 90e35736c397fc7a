import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTextGateway } from './http-text-gateway.ts';
import { TextNotSent } from './text-gateway.ts';

// A real HTTP receiver on a local port, standing where the aggregator would be.
interface Received {
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}
let server: http.Server;
let url: string;
let received: Received[] = [];
let answer = 202;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/slow') return;
      received.push({
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      response.writeHead(answer).end('{"id":"m1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  answer = 202;
});

describe('createHttpTextGateway', () => {
  it('POSTs the number and text as JSON with the bearer token', async () => {
    await createHttpTextGateway({ url, token: 's3cret' }).send('+12025550123', 'Your code is 123456.');
    expect(received).toEqual([
      { authorization: 'Bearer s3cret', contentType: 'application/json', body: { to: '+12025550123', text: 'Your code is 123456.' } },
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    await createHttpTextGateway({ url, token: null }).send('+442079460000', 'hello');
    expect(received[0]?.authorization).toBeUndefined();
  });

  it('fails on a refusal, naming the status but never the number or the text', async () => {
    answer = 503;
    const failure = await createHttpTextGateway({ url, token: null })
      .send('+12025550123', 'Your code is 654321.')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TextNotSent);
    expect((failure as Error).message).toBe('the text gateway answered 503');
  });

  it('refuses a number not in E.164 form or a text over one segment before sending anything', async () => {
    const gateway = createHttpTextGateway({ url, token: null });
    await expect(gateway.send('202-555-0123', 'x')).rejects.toThrow('the number is not in E.164 form');
    await expect(gateway.send('+12025550123', 'x'.repeat(161))).rejects.toThrow('longer than 160 characters');
    expect(received).toEqual([]);
  });

  it('gives up after its timeout, and on an unreachable gateway', async () => {
    const slow = createHttpTextGateway({ url: url.replace('/messages', '/slow'), token: null, timeoutMs: 200 });
    await expect(slow.send('+12025550123', 'x')).rejects.toThrow('did not answer within 200 ms');
    const closed = createHttpTextGateway({ url: 'http://127.0.0.1:9/messages', token: null });
    await expect(closed.send('+12025550123', 'x')).rejects.toThrow('the text gateway could not be reached');
  });
});
