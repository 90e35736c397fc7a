import type { Notice, RecordType } from '../types.ts';
import { notStatedIn } from './not-stated-in.ts';

// Every text below is seed 000 verbatim unless a comment says otherwise. The seed is the
// notice's body without its section headings; its sections were matched by content.
const seed = '000_a2cb10f5fedd0542.txt';

const complaints = 'Customer complaint letters are retained 6 months and automated complaint records are retained 3 years.';
const santa =
  'Records related to Operation Santa, Letters to Santa, or similar programs are retained 6 months after the new calendar year.';
const other = 'Other records are retained 2 years after resolution of the inquiry.';

const contact = {
  customer_name: 'identifier',
  mailing_address: 'identifier',
  zip: 'identifier',
  email: 'identifier',
  phone: 'identifier',
} as const;

const handling = {
  case_number: 'operational',
  inquiry: 'content',
  comments: 'content',
  status: 'operational',
  resolution: 'content',
  agent_id: 'operational',
  created_at: 'operational',
} as const;

const recordTypes: readonly RecordType[] = [
  {
    id: 'usps-880/usps-com-care',
    notice: '880.000',
    name: 'usps.com customer care record',
    categories: ['Customer information', 'Product and/or service use information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "Customer care records for usps.com products are retained 90 days."
    retention: { kind: 'from_creation', period: { amount: 90, unit: 'days' } },
    retentionStatement: 'Customer care records for usps.com products are retained 90 days.',
    retrievalKeys: ['customer_name', 'customer_id', 'email', 'phone', 'case_number'],
    fields: {
      ...handling,
      customer_id: 'identifier',
      customer_name: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      product_type: 'operational',
    },
  },
  {
    id: 'usps-880/call-center-contact',
    notice: '880.000',
    name: '1-800-ASK-USPS, Delivery Confirmation, Special Services or international call center contact',
    categories: ['Customer information', 'Product and/or service use information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "Records related to 1-800-ASK-USPS, Delivery Confirmation service,
    // Special Services, and international call centers are retained 1 year."
    retention: { kind: 'from_creation', period: { amount: 1, unit: 'years' } },
    retentionStatement:
      'Records related to 1-800-ASK-USPS, Delivery Confirmation service, Special Services, and international call centers are retained 1 year.',
    retrievalKeys: [
      'customer_name',
      'customer_id',
      'mailing_address',
      'zip',
      'email',
      'phone',
      'case_number',
      'article_number',
      'pickup_number',
    ],
    fields: {
      ...handling,
      ...contact,
      customer_id: 'identifier',
      channel: 'operational',
      article_number: 'identifier',
      pickup_number: 'operational',
      ticket_number: 'operational',
    },
  },
  {
    id: 'usps-880/complaint-letter',
    notice: '880.000',
    name: 'Customer complaint letter',
    categories: ['Customer information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "Customer complaint letters are retained 6 months"
    retention: { kind: 'from_creation', period: { amount: 6, unit: 'months' } },
    retentionStatement: complaints,
    retrievalKeys: ['customer_name', 'mailing_address', 'zip', 'case_number'],
    fields: {
      case_number: 'operational',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      zip: 'identifier',
      letter: 'content',
      received_at: 'operational',
    },
  },
  {
    id: 'usps-880/automated-complaint',
    notice: '880.000',
    name: 'Automated complaint record',
    categories: ['Customer information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "automated complaint records are retained 3 years"
    retention: { kind: 'from_creation', period: { amount: 3, unit: 'years' } },
    retentionStatement: complaints,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'zip', 'email', 'phone', 'case_number'],
    fields: { ...handling, ...contact, customer_id: 'identifier' },
  },
  {
    id: 'usps-880/business-service-network',
    notice: '880.000',
    name: 'Business Service Network record',
    categories: [
      'Customer information',
      'Identity verification information',
      'Product and/or service use information',
      'Customer preferences',
      'Service inquiries and correspondence',
    ],
    // seed 000_a2cb10f5fedd0542.txt: "Business Service Network records are retained 5 years."
    retention: { kind: 'from_creation', period: { amount: 5, unit: 'years' } },
    retentionStatement: 'Business Service Network records are retained 5 years.',
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'zip', 'email', 'phone', 'account_number', 'case_number'],
    fields: {
      ...handling,
      ...contact,
      customer_id: 'identifier',
      account_number: 'identifier',
      company_name: 'identifier',
      title: 'identifier',
      fax: 'identifier',
      business_customer_number: 'identifier',
      duns_number: 'identifier',
      mailer_id: 'identifier',
      ticket_number: 'operational',
      drop_ship_sites: 'operational',
      media_preference: 'operational',
    },
  },
  {
    id: 'usps-880/operation-santa-letter',
    notice: '880.000',
    name: 'Operation Santa letter',
    categories: ['Customer information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "Records related to Operation Santa, Letters to Santa, or similar
    // programs are retained 6 months after the new calendar year." Read as: from January 1 after receipt.
    retention: { kind: 'calendar_anchored', anchor: { month: 1, day: 1 }, period: { amount: 6, unit: 'months' } },
    retentionStatement: santa,
    retrievalKeys: ['customer_name', 'mailing_address', 'zip'],
    fields: {
      customer_name: 'identifier',
      mailing_address: 'identifier',
      zip: 'identifier',
      letter: 'content',
      letter_number: 'operational',
      received_at: 'operational',
    },
  },
  {
    id: 'usps-880/operation-santa-adopter',
    notice: '880.000',
    name: 'Operation Santa adopter',
    categories: ['Customer information', 'Identity verification information'],
    // seed 000_a2cb10f5fedd0542.txt: "... or similar programs are retained 6 months after the new calendar year."
    retention: { kind: 'calendar_anchored', anchor: { month: 1, day: 1 }, period: { amount: 6, unit: 'months' } },
    retentionStatement: santa,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'zip', 'email', 'phone'],
    fields: {
      ...contact,
      customer_id: 'identifier',
      identity_verified_at: 'operational',
      adopted_letters: 'operational',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-880/inquiry',
    notice: '880.000',
    name: 'Customer inquiry',
    categories: ['Customer information', 'Product and/or service use information', 'Service inquiries and correspondence'],
    // seed 000_a2cb10f5fedd0542.txt: "Other records are retained 2 years after resolution of the inquiry."
    retention: { kind: 'from_resolution', period: { amount: 2, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: [
      'customer_name',
      'customer_id',
      'mailing_address',
      'zip',
      'email',
      'phone',
      'account_number',
      'case_number',
      'article_number',
      'pickup_number',
    ],
    fields: {
      ...handling,
      ...contact,
      customer_id: 'identifier',
      account_number: 'identifier',
      article_number: 'identifier',
      pickup_number: 'operational',
      ticket_number: 'operational',
      product_type: 'operational',
      channel: 'operational',
      resolved_at: 'operational',
    },
  },
  {
    id: 'usps-880/customer',
    notice: '880.000',
    name: 'Customer',
    categories: ['Customer information', 'Identity verification information', 'Customer preferences'],
    // seed 000_a2cb10f5fedd0542.txt: "Other records are retained 2 years after resolution of the inquiry."
    // A customer's information is kept for their inquiries: resolvedAt is the resolution of
    // their latest inquiry and reopenedAt the opening of a newer one.
    retention: { kind: 'from_resolution', period: { amount: 2, unit: 'years' } },
    retentionStatement: other,
    // A company's name is its customer name; customer numbers, logon IDs, mailer and
    // publisher IDs, business customer numbers and D-U-N-S Numbers are the "customer ID(s)
    // ... or other customer identifier" of the notice's retrieval text.
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'zip', 'email', 'phone', 'account_number', 'ssn_last4'],
    // Seed 000 "Customer information" and "Customer preferences", with the company fields
    // seed 002 retrieves marketing records by (SIC/NAICS, company name).
    fields: {
      ...contact,
      customer_id: 'identifier',
      customer_number: 'identifier',
      account_number: 'identifier',
      company_name: 'identifier',
      company_type: 'content',
      url: 'identifier',
      company_size: 'content',
      years_in_business: 'content',
      duns_number: 'identifier',
      sic_naics: 'operational',
      title: 'content',
      role: 'content',
      employment_status: 'content',
      fax: 'identifier',
      logon_id: 'identifier',
      password_hash: 'sensitive',
      business_customer_number: 'identifier',
      mailer_id: 'identifier',
      publisher_id: 'identifier',
      ssn_last4: 'sensitive',
      drop_ship_site: 'content',
      media_preference: 'content',
      preferred_contact: 'content',
      security_level: 'operational',
      created_at: 'operational',
    },
    // An account number read over the phone to a caller who has not yet verified who they are gives the account away.
    masked: { account_number: 'last4', ssn_last4: 'full' },
  },
  {
    id: 'usps-880/identity-verification',
    notice: '880.000',
    name: 'Change of Address or Hold Mail identity verification',
    categories: ['Customer information', 'Identity verification information'],
    // seed 000_a2cb10f5fedd0542.txt: "Other records are retained 2 years after resolution of the inquiry."
    // The verification is resolved when its outcome is decided.
    retention: { kind: 'from_resolution', period: { amount: 2, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_name', 'mailing_address', 'zip', 'email', 'phone', 'ssn_last4'],
    fields: {
      ...contact,
      ssn_last4: 'sensitive',
      service: 'operational',
      method: 'operational',
      outcome: 'operational',
      created_at: 'operational',
      resolved_at: 'operational',
    },
  },
];

export const usps880: Notice = {
  id: '880.000',
  designation: 'USPS 880.000',
  slug: 'usps-880',
  // Seed 000 has no name line; the name is the one seeds/README.md gives the notice.
  name: 'Customer Service and Correspondence',
  source: seed,
  securityClassification: notStatedIn(seed),
  systemLocation:
    'USPS Consumer and Industry Affairs, Headquarters; Integrated Business Solutions Services Centers; the National Customer Support Center (NCSC); districts, Post Offices, contractor sites; and detached mailing units at customer sites.',
  systemManagers: [
    'Chief Customer and Marketing Officer and Executive Vice President, United States Postal Service, 475 L’Enfant Plaza SW, Washington, DC 20260.',
  ],
  authority: '39 U.S.C. 401, 403, and 404.',
  purposes: [
    'To enable review and response services for customer inquiries and concerns regarding USPS and its products and services.',
    'To ensure that customer accounts and needs are attended to in a timely manner.',
    'To enhance the customer experience by improving the security of Change of Address (COA) and Hold Mail processes.',
    'To protect USPS customers from becoming potential victims of mail fraud and identity theft.',
    'To identify and mitigate potential fraud in the COA and Hold Mail processes.',
    'To verify a customer’s identity when applying for COA and Hold Mail services.',
    'To support (or facilitate) the administration of Operation Santa, Letters to Santa, or similar programs.',
  ],
  categoriesOfIndividuals: [
    'This system contains records relating to customers who contact customer service by online and offline channels. This includes customers making inquiries via e-mail, 1-800-ASK-USPS, other toll-free contact centers, or the Business Service Network (BSN), as well as customers with product-specific service or support issues.',
  ],
  categoriesOfRecords: [
    {
      title: 'Customer information',
      text: 'Customer and key contact name, mail and e-mail address, phone and/or fax number; customer ID(s); title, role, and employment status; company name, location, type and URL; vendor and/or contractor information.',
    },
    {
      title: 'Identity verification information',
      text: 'Last four digits of Social Security Number (SSN), username and/or password, D-U-N-S Number, mailer ID number, publisher ID number, security level and clearances, and business customer number.',
    },
    {
      title: 'Product and/or service use information',
      text: 'Product and/or service type, product numbers, technology specifications, quantity ordered, logon and product use dates and times, case number, pickup number, article number, and ticket number.',
    },
    {
      title: 'Payment information',
      text: 'Credit and/or debit card number, type, and expiration date; billing information; checks, money orders, or other payment method.',
    },
    { title: 'Customer preferences', text: 'Drop ship sites and media preference.' },
    {
      title: 'Service inquiries and correspondence',
      text: 'Contact history; nature of inquiry, dates and times, comments, status, resolution, and USPS personnel involved.',
    },
  ],
  recordSourceCategories:
    'Customers and, for call center operations, commercially available sources of names, addresses, and telephone numbers.',
  routineUses: { text: 'Standard routine uses 1. through 7., 10., and 11. apply.', standard: [1, 2, 3, 4, 5, 6, 7, 10, 11] },
  storage: 'Automated databases, computer storage media, and paper.',
  retrieval: {
    text: [
      'By customer name, customer ID(s), mail or e-mail address, phone number, customer account number, case number, article number, pickup number, and last four digits of SSN, ZIP Code, or other customer identifier.',
    ],
    // "or other customer identifier" is 'customer_id': the identifiers a customer is known
    // by in Postal Service systems (see record type usps-880/customer).
    keys: [
      'customer_name',
      'customer_id',
      'mailing_address',
      'email',
      'phone',
      'account_number',
      'case_number',
      'article_number',
      'pickup_number',
      'ssn_last4',
      'zip',
    ],
  },
  disposal:
    'Records existing on paper are destroyed by burning, pulping, or shredding. Records existing on computer storage media are destroyed according to the applicable USPS media sanitization practice.',
  safeguards: [
    'Paper records, computers, and computer storage media are located in controlled-access areas under supervision of program personnel. Access to these areas is limited to authorized personnel, who must be identified with a badge.',
    'Access to records is limited to individuals whose official duties require such access. Contractors and licensees are subject to contract controls and unannounced on-site audits and inspections.',
    'Computers are protected by mechanical locks, card key systems, or other physical access control methods. The use of computer systems is regulated with installed security software, computer logon identifications, and operating system controls including access controls, terminal and transaction logging, and file management software. Online data transmissions are protected by encryption.',
  ],
  recordAccessProcedures:
    'Requests for access must be made in accordance with the Notification Procedure above and USPS Privacy Act regulations regarding access to records and verification of identity under 39 CFR 266.6.',
  contestingRecordProcedures: 'See Notification Procedure and Record Access Procedures above.',
  notificationProcedures:
    'Customers wanting to know if information about them is maintained in this system of records must address inquiries to the system manager in writing. Inquiries should include name, address, and other identifying information.',
  exemptions: notStatedIn(seed),
  history: notStatedIn(seed),
  recordTypes,
};
