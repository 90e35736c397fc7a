import { Type } from 'typebox';
import { webInquiryCategories } from '../../modules/intake/index.ts';

export const InquiryFormSchema = Type.Object({
  token: Type.String({ description: 'send it back with the inquiry; a form is good for 2 hours and one inquiry' }),
  categories: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
});

export const InquirySchema = Type.Object(
  {
    // Optional here so that a missing token gets the same answer as a stale one (see inquiry-to-case.ts).
    token: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ minLength: 3, maxLength: 320 }),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    category: Type.Enum(webInquiryCategories.map((c) => c.id)),
    subject: Type.String({ minLength: 1, maxLength: 300 }),
    message: Type.String({ minLength: 1, maxLength: 20_000 }),
    website: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'leave empty' })),
  },
  { additionalProperties: false },
);

/** The one answer to an accepted inquiry, whoever sent it: no customer data, no hint whether the address was known. */
export const InquiryReceivedSchema = Type.Object(
  { received: Type.Literal(true), caseNumber: Type.String({ description: 'C-YYYY-NNNNNN: quote it when you write or call' }) },
  { additionalProperties: false },
);
