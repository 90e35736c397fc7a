import type { Notice, RecordType } from '../types.ts';
import { notStatedIn } from './not-stated-in.ts';

// Seed 003 is not the notice but the UCCMS privacy threshold analysis and privacy impact
// assessment (PTA/PIA) that cites it. Each section is derived from the item of the PIA
// named beside it, in the PIA's words where they fit; where the PIA is silent the text
// says so and the comment says where the substitute comes from.
const seed = '003_711b4d94a9cdd131.txt';

// Not from the seed: seed 003 states no retention. The NARA General Records Schedules
// for the records a public contact center keeps are applied instead.
const operations =
  'Records of customer calls, e-mails, faxes, and postal and walk-in inquiries, and of their routing and follow-up, are retained 1 year after resolution of the request (GRS 6.5, item 010).';
const surveys = 'Customer experience and satisfaction survey records are retained 1 year (GRS 6.5, item 010).';
const orders =
  'Sales order records are retained 6 years after resolution of the order by final payment or cancellation (GRS 1.1, item 010).';
const customers =
  'Customer contact information and electronic information products registrations are retained until superseded or obsolete, or until the customer requests their removal (GRS 6.5, item 020).';

const customerFields = {
  customer_number: 'identifier',
  customer_name: 'identifier',
  company_name: 'identifier',
  email: 'identifier',
  phone: 'identifier',
  fax: 'identifier',
  mailing_address: 'identifier',
} as const;

const recordTypes: readonly RecordType[] = [
  {
    id: 'pat-tm-20/contact',
    notice: 'PAT-TM-20',
    name: 'Customer contact (call, e-mail, fax, postal or walk-in inquiry)',
    categories: ['Customer information', 'Contact information'],
    // Not from seed 003 (silent on retention): GRS 6.5 item 010, public customer service
    // operations records, "destroy 1 year after resolved".
    retention: { kind: 'from_resolution', period: { amount: 1, unit: 'years' } },
    retentionStatement: operations,
    retrievalKeys: ['customer_name', 'phone', 'email', 'customer_number'],
    fields: {
      ...customerFields,
      case_number: 'operational',
      channel: 'operational',
      business_area: 'operational',
      agent_id: 'operational',
      description: 'content',
      resolution: 'content',
      status: 'operational',
      contacted_at: 'operational',
      resolved_at: 'operational',
    },
  },
  {
    id: 'pat-tm-20/satisfaction-survey',
    notice: 'PAT-TM-20',
    name: 'Customer experience and satisfaction survey response',
    categories: ['Survey information'],
    // Not from seed 003 (silent on retention): GRS 6.5 item 010 covers customer feedback and
    // satisfaction surveys; a response has nothing to resolve, so the year runs from receipt.
    retention: { kind: 'from_creation', period: { amount: 1, unit: 'years' } },
    retentionStatement: surveys,
    retrievalKeys: ['customer_name', 'phone', 'email'],
    fields: {
      customer_name: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      survey: 'operational',
      responses: 'content',
      recommendations: 'content',
      submitted_at: 'operational',
    },
  },
  {
    id: 'pat-tm-20/sales-order',
    notice: 'PAT-TM-20',
    name: 'Sales Order Management (SOMS) order',
    categories: ['Customer information', 'Sales order information'],
    // Not from seed 003 (silent on retention): GRS 1.1 item 010, financial transaction
    // records, "destroy 6 years after final payment or cancellation".
    retention: { kind: 'from_resolution', period: { amount: 6, unit: 'years' } },
    retentionStatement: orders,
    retrievalKeys: ['customer_name', 'phone', 'email', 'customer_number'],
    fields: {
      ...customerFields,
      order_number: 'operational',
      products: 'operational',
      quantity: 'operational',
      amount: 'operational',
      status: 'operational',
      ordered_at: 'operational',
      closed_at: 'operational',
    },
  },
  {
    id: 'pat-tm-20/customer',
    notice: 'PAT-TM-20',
    name: 'Customer',
    categories: ['Customer information'],
    // Not from seed 003 (silent on retention): GRS 6.5 item 020, customer/client records,
    // "delete when superseded, obsolete, or when customer requests the agency to remove the records".
    retention: { kind: 'until_event', event: 'superseded_or_removal_requested' },
    retentionStatement: customers,
    retrievalKeys: ['customer_name', 'phone', 'email', 'customer_number'],
    fields: { ...customerFields, created_at: 'operational' },
  },
  {
    id: 'pat-tm-20/eipd-registration',
    notice: 'PAT-TM-20',
    name: 'Electronic information products download registration',
    categories: ['Electronic information products registration'],
    // Not from seed 003 (silent on retention): GRS 6.5 item 020, as for customer records.
    retention: { kind: 'until_event', event: 'superseded_or_removal_requested' },
    retentionStatement: customers,
    retrievalKeys: ['email'],
    // seed 003_711b4d94a9cdd131.txt: "requires an email address for registration to download
    // electronic information products; no other personal identifiable fields are required."
    fields: { email: 'identifier', registered_at: 'operational' },
  },
];

export const patTm20: Notice = {
  id: 'PAT-TM-20',
  designation: 'COMMERCE/PAT-TM-20',
  slug: 'pat-tm-20',
  // seed 003, PIA item 7: "COMMERCE/PAT-TM-20 Customer Call Center, Assistance and Satisfaction Survey Records, August 2007"
  name: 'Customer Call Center, Assistance and Satisfaction Survey Records',
  source: seed,
  securityClassification: notStatedIn(seed),
  // PTA items 1 and 5.
  systemLocation:
    'United States Patent and Trademark Office: the Enterprise Call Center (ECC) and the various USPTO Customer Contact Centers, and the Electronic Information Products Division (EIPD) for the Sales Order Management (SOMS) module. Seed 003 gives no address.',
  // The PIA names the system owner, the Office of Chief Information Officer it was prepared for, and no title or address.
  systemManagers: [
    'System Owner, USPTO Customer Contact Management System (UCCMS), Office of Chief Information Officer, United States Patent and Trademark Office. Seed 003 gives no address.',
  ],
  // PIA item 3.
  authority: '35 U.S.C., concerning the duties of the USPTO in the dissemination of information. Seed 003 cites no section.',
  purposes: [
    // PIA item 2.
    'To forward customer requests to the appropriate business areas and provide customer service request follow up.',
    // PTA item 5.
    'To provide customer service for tracking and resolution of USPTO external public customer service requests performed by the various USPTO Customer Contact Centers.',
    // PIA item 3.
    'To carry out the duties of the USPTO as outlined in 35 U.S.C. concerning the dissemination of information, and more specifically, to provide for public customer call center services, including tracking responses to customer requests.',
    'To ensure quality customer service, including quality control, and to provide general agency information and assistance.',
    'To conduct surveys of customer experience and satisfaction, and to obtain customer service recommendations.',
    // PTA item 1.
    'To manage customer service requests for sales order entry and processing for all products and services supported by the Electronic Information Products Division (EIPD).',
  ],
  // PTA items 1, 2 and 4.
  categoriesOfIndividuals: [
    'External USPTO public customers whose phone calls, e-mails, fax requests, or postal or walk-in inquiries are handled by the USPTO Customer Contact Centers, including customers who register an e-mail address to download electronic information products and customers who order EIPD products and services.',
  ],
  categoriesOfRecords: [
    // PIA item 1.
    {
      title: 'Customer information',
      text: 'Customer name, company name, email address, telephone and fax numbers, mailing address, and customer number.',
    },
    {
      title: 'Contact information',
      text: 'Date and time of contact, agent name, and description and resolution of the problem or request.',
    },
    // PIA item 3.
    {
      title: 'Survey information',
      text: 'Responses to surveys of customer experience and satisfaction, and customer service recommendations.',
    },
    // PTA item 1; the PTA names no data elements.
    { title: 'Sales order information', text: 'Sales order entry and processing for products and services supported by EIPD.' },
    // PTA item 2.
    {
      title: 'Electronic information products registration',
      text: 'Email address required for registration to download electronic information products.',
    },
  ],
  // PIA items 1 and 5.
  recordSourceCategories:
    'Customers, who provide all information requested on a voluntary basis, and the USPTO contact center agents who record the date and time of contact and the description and resolution of each request.',
  // PIA item 4.
  routineUses: {
    text: 'The information is not shared with any outside entities and is for internal use only. Information may be subject to General Routine uses (Privacy Act) Nos. 1-5, 9-10, and 12-13 as found at 46 CFR 63501-63502.',
    standard: [1, 2, 3, 4, 5, 9, 10, 12, 13],
  },
  // PTA item 1; the PIA names no storage media.
  storage: 'Electronic records in the USPTO Customer Contact Management System (UCCMS). Seed 003 states no other storage media.',
  retrieval: {
    // Derived from the data elements of PIA item 1 and the follow-up of PIA item 5.
    text: [
      'By customer name, telephone number, email address, or customer number. Seed 003 states no retrieval practice; these are the identifiers it lists that a follow-up is made by.',
    ],
    keys: ['customer_name', 'phone', 'email', 'customer_number'],
  },
  retentionPreamble:
    'Seed 003 states no retention period. The periods below are those of the NARA General Records Schedules (GRS) that govern the records of a public customer contact center.',
  // Not from the seed: NIST SP 800-88 is the sanitization guideline of the NIST 800-53 control set the PIA names.
  disposal:
    'Seed 003 states no disposal practice. Records are destroyed when the applicable General Records Schedule allows; electronic media are sanitized in accordance with NIST SP 800-88.',
  // PIA item 6.
  safeguards: [
    'The information is in accordance with the NIST 800-53 control set. Certification and Accreditation activities are routinely conducted for UCCMS. Data is maintained in areas accessible only to authorized personnel and systems are password protected.',
  ],
  // Not from the seed: the Department of Commerce's Privacy Act rules are 15 CFR part 4, subpart B.
  recordAccessProcedures:
    'Seed 003 states no procedure. Requests for access are made in accordance with the Department of Commerce Privacy Act regulations, 15 CFR part 4, subpart B.',
  contestingRecordProcedures:
    'Seed 003 states no procedure. Requests to amend a record are made in accordance with the Department of Commerce Privacy Act regulations, 15 CFR part 4, subpart B.',
  notificationProcedures:
    'Seed 003 states no procedure. Inquiries whether the system holds records about an individual are made in accordance with the Department of Commerce Privacy Act regulations, 15 CFR part 4, subpart B.',
  // An exemption applies only once promulgated by rule, and the PIA cites none.
  exemptions: 'None claimed. Seed 003 cites no exemption.',
  // PIA item 7.
  history: 'COMMERCE/PAT-TM-20, August 2007, as cited in seed 003. Seed 003 gives no Federal Register citation.',
  recordTypes,
};
