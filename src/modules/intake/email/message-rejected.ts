/**
 * Thrown by a message handler for a message that will never be accepted, however often it is
 * retried (say, it is malformed beyond use). The channel refuses it for good instead of asking
 * the sender to retry. The message is for operators and is never sent to the peer.
 */
export class MessageRejected extends Error {
  override readonly name = 'MessageRejected';
}
