import { maxTextLength, TextNotSent, type TextGateway } from './text-gateway.ts';

export interface HttpTextGatewayOptions {
  /** Where messages are POSTed as JSON `{ "to": "+12025550123", "text": "…" }`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly token: string | null;
  readonly timeoutMs?: number;
}

const e164 = /^\+[1-9]\d{6,14}$/;

/**
 * A gateway reached over HTTP: one POST per message, answered 2xx once the gateway has taken
 * it. Anything else is a failure the caller reports; nothing is retried here, because a
 * one-time code that arrives late is worse than asking for a new one.
 */
export function createHttpTextGateway(options: HttpTextGatewayOptions): TextGateway {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(to, text) {
      if (!e164.test(to)) throw new TextNotSent('the number is not in E.164 form');
      if (text.length > maxTextLength) throw new TextNotSent(`the text is longer than ${maxTextLength} characters`);
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to, text }),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new TextNotSent(
          timedOut ? `the text gateway did not answer within ${timeoutMs} ms` : 'the text gateway could not be reached',
        );
      }
      await response.body?.cancel();
      if (!response.ok) throw new TextNotSent(`the text gateway answered ${response.status}`);
    },
  };
}
