/**
 * Sends text messages (SMS) to phone numbers in E.164 form. Pluggable: Caseline ships an HTTP
 * gateway (any aggregator, or an adapter in front of one); tests run a real local receiver.
 */
export interface TextGateway {
  send(to: string, text: string): Promise<void>;
}

/** The gateway refused or could not be reached. The message never repeats the number or the text. */
export class TextNotSent extends Error {}

/** SMS segments: a code message must fit in one (160 GSM-7 characters). */
export const maxTextLength = 160;
