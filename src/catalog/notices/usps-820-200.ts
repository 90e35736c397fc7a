import type { Notice, RecordType } from '../types.ts';
import { notStatedIn } from './not-stated-in.ts';

// Every text below is seed 001 verbatim unless a comment says otherwise.
const seed = '001_517806a0da56fdcf.txt';

const oneYear = 'Records related to ePubWatch, Confirmation Services and hold mail services are retained for up to 1 year.';
const twoYears = 'Special Services and drop ship records are retained 2 years.';
const other = 'Other records are retained 4 years after the relationship ends.';
const tracking =
  'USPS and other carrier network tracking records are retained for up to 30 days for mail and up to 90 days for packages and special services.';

// The notice lists no article (tracking) number among its retrieval keys; packages and
// Special Services are found by their Intelligent Mail package barcode ("any Intelligent
// Mail barcode"), held in the imb field.
const recordTypes: readonly RecordType[] = [
  {
    id: 'usps-820/confirm',
    notice: '820.200',
    name: 'CONFIRM mail tracing record',
    categories: ['Identification information', 'Data on mailings'],
    // seed 001_517806a0da56fdcf.txt: "CONFIRM records are retained for up to 30 days."
    retention: { kind: 'from_creation', period: { amount: 30, unit: 'days' } },
    retentionStatement: 'CONFIRM records are retained for up to 30 days.',
    retrievalKeys: ['customer_id', 'imb', 'zip11'],
    fields: {
      customer_id: 'identifier',
      mailer_id: 'identifier',
      imb: 'identifier',
      zip11: 'identifier',
      scan_event: 'operational',
      facility: 'operational',
      scanned_at: 'operational',
    },
  },
  {
    id: 'usps-820/epubwatch',
    notice: '820.200',
    name: 'ePubWatch periodical tracking record',
    categories: ['Customer information', 'Identification information', 'Data on mailings'],
    // seed 001_517806a0da56fdcf.txt: "Records related to ePubWatch ... are retained for up to 1 year."
    retention: { kind: 'from_creation', period: { amount: 1, unit: 'years' } },
    retentionStatement: oneYear,
    retrievalKeys: ['customer_name', 'customer_id', 'logon_id', 'imb', 'zip11'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      logon_id: 'identifier',
      email: 'identifier',
      imb: 'identifier',
      zip11: 'identifier',
      publication: 'operational',
      delivery_status: 'operational',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/confirmation-services',
    notice: '820.200',
    name: 'Confirmation Services record',
    categories: ['Identification information', 'Data on mailings', 'Product usage information'],
    // seed 001_517806a0da56fdcf.txt: "Records related to ... Confirmation Services ... are retained for up to 1 year."
    retention: { kind: 'from_creation', period: { amount: 1, unit: 'years' } },
    retentionStatement: oneYear,
    retrievalKeys: ['customer_id', 'logon_id', 'imb', 'zip11'],
    fields: {
      customer_id: 'identifier',
      logon_id: 'identifier',
      imb: 'identifier',
      zip11: 'identifier',
      service: 'operational',
      delivery_status: 'operational',
      delivered_at: 'operational',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/hold-mail',
    notice: '820.200',
    name: 'Hold mail request',
    categories: ['Customer information', 'Identification information', 'Customer preference data'],
    // seed 001_517806a0da56fdcf.txt: "Records related to ... hold mail services are retained for up to 1 year."
    retention: { kind: 'from_creation', period: { amount: 1, unit: 'years' } },
    retentionStatement: oneYear,
    retrievalKeys: ['customer_name', 'customer_id', 'logon_id', 'mailing_address', 'zip11'],
    fields: {
      customer_id: 'identifier',
      logon_id: 'identifier',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      zip11: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      hold_begin_date: 'operational',
      hold_end_date: 'operational',
      comments: 'content',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/special-services',
    notice: '820.200',
    name: 'Special Services record',
    categories: ['Customer information', 'Data on mailings', 'Product usage information'],
    // seed 001_517806a0da56fdcf.txt: "Special Services and drop ship records are retained 2 years."
    retention: { kind: 'from_creation', period: { amount: 2, unit: 'years' } },
    retentionStatement: twoYears,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'zip11', 'imb'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      zip11: 'identifier',
      imb: 'identifier',
      service: 'operational',
      delivery_status: 'operational',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/drop-ship',
    notice: '820.200',
    name: 'Drop ship record',
    categories: ['Identification information', 'Data on mailings', 'Customer preference data'],
    // seed 001_517806a0da56fdcf.txt: "Special Services and drop ship records are retained 2 years."
    retention: { kind: 'from_creation', period: { amount: 2, unit: 'years' } },
    retentionStatement: twoYears,
    retrievalKeys: ['customer_id', 'zip11'],
    fields: {
      customer_id: 'identifier',
      mailer_id: 'identifier',
      zip11: 'identifier',
      mailing_id: 'operational',
      drop_ship_code: 'operational',
      container_label: 'operational',
      postage_statement: 'operational',
      appointment_at: 'operational',
    },
  },
  {
    id: 'usps-820/ach',
    notice: '820.200',
    name: 'ACH payment record',
    categories: ['Payment information'],
    // seed 001_517806a0da56fdcf.txt: "ACH records are retained up to 2 years."
    retention: { kind: 'from_creation', period: { amount: 2, unit: 'years' } },
    retentionStatement: 'ACH records are retained up to 2 years.',
    retrievalKeys: ['customer_name', 'customer_id'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      ach_token: 'sensitive',
      account_last4: 'sensitive',
      routing_number: 'sensitive',
      amount: 'operational',
      debited_at: 'operational',
    },
  },
  {
    id: 'usps-820/mailpiece-image',
    notice: '820.200',
    name: 'Mailpiece image',
    categories: ['Mail images'],
    // seed 001_517806a0da56fdcf.txt: "Mailpiece images will be retained up to 3 days."
    retention: { kind: 'from_creation', period: { amount: 3, unit: 'days' } },
    retentionStatement: 'Mailpiece images will be retained up to 3 days.',
    retrievalKeys: ['imb', 'zip11'],
    fields: {
      imb: 'identifier',
      zip11: 'identifier',
      image: 'content',
      facility: 'operational',
      captured_at: 'operational',
    },
  },
  {
    id: 'usps-820/delivery-request',
    notice: '820.200',
    name: 'Redelivery, pickup or delivery option request',
    categories: ['Customer information', 'Identification information', 'Customer preference data'],
    // seed 001_517806a0da56fdcf.txt: "Other records are retained 4 years after the relationship ends."
    retention: { kind: 'from_relationship_end', period: { amount: 4, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_name', 'customer_id', 'logon_id', 'mailing_address', 'zip11', 'imb'],
    fields: {
      customer_id: 'identifier',
      logon_id: 'identifier',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      zip11: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      text_message_number: 'identifier',
      imb: 'identifier',
      request_type: 'operational',
      requested_date: 'operational',
      instructions: 'content',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/customer-account',
    notice: '820.200',
    name: 'Mail management customer account',
    categories: ['Customer information', 'Identification information', 'Customer preference data'],
    // seed 001_517806a0da56fdcf.txt: "Other records are retained 4 years after the relationship ends."
    retention: { kind: 'from_relationship_end', period: { amount: 4, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_name', 'customer_id', 'logon_id', 'mailing_address', 'zip11'],
    fields: {
      customer_id: 'identifier',
      logon_id: 'identifier',
      password_hash: 'sensitive',
      customer_name: 'identifier',
      title: 'identifier',
      mailing_address: 'identifier',
      zip11: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      text_message_number: 'identifier',
      cell_phone_carrier: 'identifier',
      ssn_last4: 'sensitive',
      duns_number: 'identifier',
      mailer_id: 'identifier',
      advertiser_id: 'identifier',
      preferred_contact: 'operational',
      created_at: 'operational',
    },
  },
  {
    // A mailing entered at origin: not a drop ship record, so under "Other records" (seed 001
    // retention item 6). Added for the mailings of migration 0030; its fields are those the
    // notice's "Data on mailings" lists that a postage statement carries.
    id: 'usps-820/business-mailing',
    notice: '820.200',
    name: 'Business mailing (postage statement) record',
    categories: ['Identification information', 'Data on mailings'],
    // seed 001_517806a0da56fdcf.txt: "Other records are retained 4 years after the relationship ends."
    retention: { kind: 'from_relationship_end', period: { amount: 4, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_id'],
    fields: {
      customer_id: 'identifier',
      mailer_id: 'identifier',
      mailing_id: 'operational',
      postage_statement: 'operational',
      mail_class: 'operational',
      presort_level: 'operational',
      piece_count: 'operational',
      postage_amount: 'operational',
      permit_number: 'operational',
      container_label: 'operational',
      reply_mailpiece: 'operational',
      delivery_status: 'operational',
      mailing_problems: 'content',
      created_at: 'operational',
    },
  },
  {
    id: 'usps-820/mail-tracking',
    notice: '820.200',
    name: 'Mail tracking event',
    categories: ['Data on mailings'],
    // seed 001_517806a0da56fdcf.txt: "tracking records are retained for up to 30 days for mail"
    retention: { kind: 'from_creation', period: { amount: 30, unit: 'days' } },
    retentionStatement: tracking,
    retrievalKeys: ['imb', 'zip11'],
    fields: {
      imb: 'identifier',
      zip11: 'identifier',
      event: 'operational',
      facility: 'operational',
      carrier: 'operational',
      event_at: 'operational',
    },
  },
  {
    id: 'usps-820/package-tracking',
    notice: '820.200',
    name: 'Package and Special Services tracking event',
    categories: ['Data on mailings', 'Product usage information'],
    // seed 001_517806a0da56fdcf.txt: "up to 90 days for packages and special services"
    retention: { kind: 'from_creation', period: { amount: 90, unit: 'days' } },
    retentionStatement: tracking,
    retrievalKeys: ['imb', 'zip11'],
    fields: {
      imb: 'identifier',
      zip11: 'identifier',
      service: 'operational',
      event: 'operational',
      location: 'operational',
      carrier: 'operational',
      event_at: 'operational',
    },
  },
];

export const usps820: Notice = {
  id: '820.200',
  designation: 'USPS 820.200',
  slug: 'usps-820',
  name: 'Mail Management and Tracking Activity',
  source: seed,
  securityClassification: notStatedIn(seed),
  systemLocation:
    'USPS Headquarters; Integrated Business Solutions Services Centers; USPS IT Eagan Host Computing Services Center; and Mail Transportation Equipment Service Centers.',
  systemManagers: [
    'Chief Information Officer and Executive Vice President, United States Postal Service, 475 L’Enfant Plaza SW, Washington, DC 20260.',
    'Chief Customer and Marketing Officer and Executive Vice President, United States Postal Service, 475 L’Enfant Plaza SW, Washington, DC 20260.',
  ],
  authority: '39 U.S.C. 401, 403, and 404.',
  purposes: [
    'To provide mail acceptance, induction, and scheduling services.',
    'To fulfill orders for mail transportation equipment.',
    'To provide customers with information about the status of mailings within the USPS network or other carrier networks.',
    'To provide customers with mail or package delivery options.',
    'To provide business mailers with information about the status of mailings within the USPS mail processing network.',
    'To help mailers identify performance issues regarding their mail.',
    'To provide delivery units with information needed to fulfill requests for mail redelivery and hold mail service at the address and for the dates specified by the customer.',
    'To enhance the customer experience by improving the security of Change of Address (COA) and Hold Mail processes.',
    'To protect USPS customers from becoming potential victims of mail fraud and identity theft.',
    'To identify and mitigate potential fraud in the COA and Hold Mail processes.',
    'To verify a customer’s identity when applying for COA and Hold Mail services.',
  ],
  categoriesOfIndividuals: ['Customers who use USPS mail management and tracking services.'],
  categoriesOfRecords: [
    {
      title: 'Customer information',
      text: 'Customer or contact name, mail and email address(es), title or role, phone number(s), text message number, and cell phone carrier.',
    },
    {
      title: 'Identification information',
      text: 'Customer ID(s), last four digits of Social Security Number (SSN), D-U-N-S Number; mailer and mailing ID, advertiser name/ID, username, and password.',
    },
    {
      title: 'Data on mailings',
      text: 'Paper and electronic data on mailings, including postage statement data (such as volume, class, rate, postage amount, date and time of delivery, mailpiece count), destination of mailing, delivery status, mailing problems, presort information, reply mailpiece information, container label numbers, package label, Special Services label, article number, and permit numbers.',
    },
    { title: 'Payment information', text: 'Credit and/or debit card number, type, and expiration date; ACH information.' },
    {
      title: 'Customer preference data',
      text: 'Hold mail begin and end date, redelivery date, delivery options, shipping and pickup preferences, drop ship codes, comments and instructions, mailing frequency, preferred delivery dates, and preferred means of contact.',
    },
    { title: 'Product usage information', text: 'Special Services label and article number.' },
    { title: 'Mail images', text: 'Images of mailpieces captured during normal mail processing operations.' },
  ],
  recordSourceCategories:
    'Customers and, for call center operations, commercially available sources of names, addresses, and telephone numbers.',
  routineUses: { text: 'Standard routine uses 1. through 7., 10., and 11. apply.', standard: [1, 2, 3, 4, 5, 6, 7, 10, 11] },
  storage: 'Automated databases, computer storage media, and paper.',
  retrieval: {
    text: ['By customer name, customer ID(s), logon ID, mailing address(es), 11-digit ZIP Code, or any Intelligent Mail barcode.'],
    keys: ['customer_name', 'customer_id', 'logon_id', 'mailing_address', 'zip11', 'imb'],
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
    'Customers wanting to know if information about them is maintained in this system of records must address inquiries in writing to the system manager. Inquiries should contain name, customer ID(s), if any, and/or logon ID.',
  exemptions: notStatedIn(seed),
  history: notStatedIn(seed),
  recordTypes,
};
