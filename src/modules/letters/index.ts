export {
  addressBlock,
  cleanDeliveryLine,
  cleanNameLine,
  lastLine,
  maxBlockLines,
  maxLineLength,
  type Addressee,
  type MailingAddress,
} from './address-block.ts';
export { renderLinkCodeLetters, type LinkCodeLetter } from './link-code-letter.ts';
export { renderMoveConfirmationLetter, renderMoveValidationLetter, type ChangeOfAddressLetter } from './change-of-address-letters.ts';
export { renderReplyLetter, surveySentence, type ReplyLetter } from './reply-letter.ts';
export { letterTop, windowBlock } from './letter-top.ts';
export { confidentialityNotice, renderFax, type OutboundFax, type RenderedFax } from './fax-document.ts';
export { finish, letterDate, newDocument, page, printable, type Letterhead } from './pdf-output.ts';
export {
  createLetterService,
  type LetterRefusal,
  type LetterResult,
  type LetterService,
  type LetterServiceOptions,
} from './letter-service.ts';
