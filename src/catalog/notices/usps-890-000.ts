import type { Notice, RecordType } from '../types.ts';

// Every text below is seed 002 verbatim, its typing errors included ("NAISC", category 9
// repeated as 17); only the words a page break split were joined again.
const seed = '002_1b5130de9f1c0ddd.txt';

const participation =
  'Records relating to organizations and publication mailing lists are retained until the customer ceases to participate.';
const payments =
  'ACH records are retained up to 2 years. Records relating to direct marketing, advertising, and promotions are retained 5 years.';
const other = 'Other records are retained 3 years after the relationship ends.';
const insight = 'Customer insight, market research, and survey records will be retained for 3 years.';

const recordTypes: readonly RecordType[] = [
  {
    id: 'usps-890/organization-membership',
    notice: '890.000',
    name: 'Organization membership (such as a Postal Customer Council)',
    categories: ['Customer information', 'Identifying information', 'Event information'],
    // seed 002_1b5130de9f1c0ddd.txt: "Records relating to organizations ... are retained until the customer ceases to participate."
    retention: { kind: 'until_event', event: 'ceased_to_participate' },
    retentionStatement: participation,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'email', 'phone'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      company_name: 'identifier',
      mailing_address: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      organization: 'operational',
      role: 'operational',
      joined_at: 'operational',
    },
  },
  {
    id: 'usps-890/publication-subscription',
    notice: '890.000',
    name: 'Publication mailing list entry',
    categories: ['Customer information', 'Identifying information'],
    // seed 002_1b5130de9f1c0ddd.txt: "Records relating to ... publication mailing lists are retained until the customer ceases to participate."
    retention: { kind: 'until_event', event: 'ceased_to_participate' },
    retentionStatement: participation,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'email'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      email: 'identifier',
      publication: 'operational',
      subscribed_at: 'operational',
    },
  },
  {
    id: 'usps-890/ach',
    notice: '890.000',
    name: 'ACH payment record',
    categories: ['Payment information'],
    // seed 002_1b5130de9f1c0ddd.txt: "ACH records are retained up to 2 years."
    retention: { kind: 'from_creation', period: { amount: 2, unit: 'years' } },
    retentionStatement: payments,
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
    id: 'usps-890/direct-marketing',
    notice: '890.000',
    name: 'Direct marketing, advertising or promotion record',
    categories: ['Customer information', 'Business specific information'],
    // seed 002_1b5130de9f1c0ddd.txt: "Records relating to direct marketing, advertising, and promotions are retained 5 years."
    retention: { kind: 'from_creation', period: { amount: 5, unit: 'years' } },
    retentionStatement: payments,
    retrievalKeys: ['sic_naics', 'company_name'],
    fields: {
      company_name: 'identifier',
      sic_naics: 'operational',
      customer_name: 'identifier',
      mailing_address: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      campaign: 'operational',
      response: 'content',
      sent_at: 'operational',
    },
  },
  {
    id: 'usps-890/sales-contact',
    notice: '890.000',
    name: 'Sales contact',
    categories: ['Customer information', 'Identifying information', 'Business specific information'],
    // seed 002_1b5130de9f1c0ddd.txt: "Other records are retained 3 years after the relationship ends."
    retention: { kind: 'from_relationship_end', period: { amount: 3, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'email', 'phone'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      company_name: 'identifier',
      title: 'identifier',
      mailing_address: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      fax: 'identifier',
      account_number: 'identifier',
      duns_number: 'identifier',
      business_size: 'operational',
      sales_notes: 'content',
      sales_rep_id: 'operational',
    },
  },
  {
    id: 'usps-890/event-registration',
    notice: '890.000',
    name: 'Event registration',
    categories: ['Customer information', 'Event information', 'Customer preferences'],
    // seed 002_1b5130de9f1c0ddd.txt: "Other records are retained 3 years after the relationship ends."
    retention: { kind: 'from_relationship_end', period: { amount: 3, unit: 'years' } },
    retentionStatement: other,
    retrievalKeys: ['customer_name', 'customer_id', 'mailing_address', 'email', 'phone'],
    fields: {
      customer_id: 'identifier',
      customer_name: 'identifier',
      company_name: 'identifier',
      mailing_address: 'identifier',
      email: 'identifier',
      phone: 'identifier',
      badge_name: 'identifier',
      // Accommodations can reveal a disability.
      accommodations: 'sensitive',
      event: 'operational',
      role_at_event: 'operational',
      itinerary: 'content',
      registered_at: 'operational',
    },
  },
  {
    id: 'usps-890/web-meeting-session',
    notice: '890.000',
    name: 'Web meeting session and device usage data',
    categories: [
      'Participant session data from web-based meetings and web conferences',
      'Device data from web-based meetings and web conferences',
      'Web-Based Meeting And Web Conference Telemetry Data',
    ],
    // seed 002_1b5130de9f1c0ddd.txt: "Report and tracking data created during web-based meeting and video
    // conferences, such as session data and historical device usage data, are retained for twenty-four months."
    retention: { kind: 'from_creation', period: { amount: 24, unit: 'months' } },
    retentionStatement:
      'Report and tracking data created during web-based meeting and video conferences, such as session data and historical device usage data, are retained for twenty-four months.',
    retrievalKeys: ['meeting_id', 'host_name', 'host_email'],
    fields: {
      meeting_id: 'operational',
      host_name: 'identifier',
      host_email: 'identifier',
      participant_name: 'identifier',
      participant_email: 'identifier',
      participant_ip_address: 'identifier',
      participant_mac_address: 'identifier',
      participant_location: 'sensitive',
      device_type: 'operational',
      join_time: 'operational',
      leave_time: 'operational',
    },
  },
  {
    id: 'usps-890/collaboration-record',
    notice: '890.000',
    name: 'Collaboration and chat record',
    categories: ['Chat Application Telemetry Data', 'Communication Data'],
    // seed 002_1b5130de9f1c0ddd.txt: "Records pertaining to web-based collaboration and communication
    // applications are retained for twenty-four months."
    retention: { kind: 'from_creation', period: { amount: 24, unit: 'months' } },
    retentionStatement: 'Records pertaining to web-based collaboration and communication applications are retained for twenty-four months.',
    retrievalKeys: ['organizer_name'],
    fields: {
      organizer_name: 'identifier',
      chat_group: 'operational',
      message_sender: 'identifier',
      message_text: 'content',
      message_files: 'content',
      sent_at: 'operational',
    },
  },
  {
    id: 'usps-890/web-meeting-recording',
    notice: '890.000',
    name: 'Web meeting recording',
    categories: ['Participant session data from web-based meetings and web conferences'],
    // seed 002_1b5130de9f1c0ddd.txt: "Web-based meeting and video session recordings are retained for twenty-four months."
    retention: { kind: 'from_creation', period: { amount: 24, unit: 'months' } },
    retentionStatement: 'Web-based meeting and video session recordings are retained for twenty-four months.',
    retrievalKeys: ['meeting_id', 'host_name', 'host_email'],
    fields: {
      meeting_id: 'operational',
      host_name: 'identifier',
      host_email: 'identifier',
      // Participants' faces and voices.
      recording: 'sensitive',
      started_at: 'operational',
      duration: 'operational',
    },
  },
  {
    id: 'usps-890/customer-insight',
    notice: '890.000',
    name: 'Customer insight, market research or survey response',
    categories: ['Survey data'],
    // seed 002_1b5130de9f1c0ddd.txt: "Customer insight, market research, and survey records will be retained for 3 years."
    retention: { kind: 'from_creation', period: { amount: 3, unit: 'years' } },
    retentionStatement: insight,
    retrievalKeys: ['customer_name', 'email'],
    fields: {
      customer_name: 'identifier',
      email: 'identifier',
      survey: 'operational',
      responses: 'content',
      submitted_at: 'operational',
    },
  },
  {
    id: 'usps-890/sharing-analytics',
    notice: '890.000',
    name: 'Shared content and custom web page analytics',
    categories: ['Customer sharing and analytics data'],
    // seed 002_1b5130de9f1c0ddd.txt: "Customer insight, market research, and survey records will be retained
    // for 3 years." The notice gives category 18 no rule of its own; its data are "user insights" and
    // "customer meeting insights" kept for purposes 12 and 13, so the customer insight rule is read as theirs.
    retention: { kind: 'from_creation', period: { amount: 3, unit: 'years' } },
    retentionStatement: insight,
    retrievalKeys: ['customer_name', 'email'],
    fields: {
      customer_name: 'identifier',
      email: 'identifier',
      shared_by_name: 'identifier',
      shared_by_email: 'identifier',
      document: 'operational',
      view_count: 'operational',
      share_number: 'operational',
      insights: 'content',
      viewed_at: 'operational',
    },
  },
];

export const usps890: Notice = {
  id: '890.000',
  designation: 'USPS 890.000',
  slug: 'usps-890',
  name: 'Sales, Marketing, Events, and Publications',
  source: seed,
  securityClassification: 'None.',
  systemLocation:
    'USPS Headquarters Marketing and Public Policy; Integrated Business Solutions Services Centers; National Customer Service Center; Area and District USPS facilities; Post Offices; and contractor sites.',
  systemManagers: [
    "Chief Customer and Marketing Officer and Executive Vice President, United States Postal Service, 475 L'Enfant Plaza SW, Washington, DC 20260-4016.",
  ],
  authority: '39 U.S.C. 401, 403, and 404.',
  purposes: [
    'To understand the needs of customers and improve USPS sales and marketing efforts.',
    'To provide appropriate materials and publications to customers.',
    'To conduct registration for USPS and related events.',
    'To enable access to the USPS meeting and video web conferencing application.',
    'To enhance your online meeting experience by utilizing enhanced features and functionality, including voluntary polling to gather responses from attendees to generate reports or the interactive chat feature.',
    'To facilitate team collaboration and communication through information sharing and cross-functional participation.',
    'To provide users outside of the USPS limited collaboration and communication capabilities through guest account access.',
    'To facilitate and support cybersecurity investigations of detected or reported information security incidents.',
    'To share your personal image via your device camera during meetings and web conferences, if you voluntarily choose to turn the camera on, enabling virtual face-to-face conversations.',
    'To provide pre-registration for guest access to online meetings and web conferences.',
    'To facilitate and support marketing initiatives, advertising campaigns, brand strategy, customer experience with products and service, including call centers, strategic customer programs, and innovation and product improvement development.',
    'To anticipate customer needs and provide appropriate recommendations.',
    'To analyze sales and marketing campaign materials for effectiveness and engagement.',
  ],
  categoriesOfIndividuals: [
    'Customers who interact with USPS sales personnel, respond to direct marketing messages, request publications, respond to contests and surveys, voluntarily participate in focus groups, interviews, diaries, observational studies, prototype assessments, A/B comparison tests, and attend USPS events.',
    'Customers and other individuals who participate in web-based meeting, video conference, collaboration, and communication applications sponsored by the USPS.',
  ],
  categoriesOfRecords: [
    {
      title: 'Customer information',
      text: "Customer and key contacts' names, date of birth, age, home mailing address, and email address; phone, fax, and pager numbers; company name, job descriptions, titles, roles, level, and company address; other names and emails provided by customers.",
    },
    { title: 'Identifying information', text: 'Customer ID(s), D-U-N-S Numbers, USPS account numbers, meter numbers, and signatures.' },
    {
      title: 'Business specific information',
      text: "Firm name, size, and years in business; number of employees; sales and revenue information; business sites and locations; URLs; company age; industrial classification numbers; use of USPS and competitor's products and services; types of customers served; customer equipment and services; advertising agency and spending; names of USPS employees serving the firm; and calls made.",
    },
    {
      title: 'Information specific to companies that act as suppliers to USPS',
      text: 'Contract start and end dates, contract award number, contract value, products and/or services sold under contract.',
    },
    { text: 'Information provided by customers as part of a survey or contest.' },
    {
      title: 'Payment information',
      text: 'Credit and/or debit card number, type, expiration date, and check information; and ACH information.',
    },
    { title: 'Event information', text: 'Name of event; role at event; itinerary; and membership in a PCC.' },
    { title: 'Customer preferences', text: 'Preferences for badge name and accommodations.' },
    {
      title: 'Survey data',
      text: 'customer perception, feelings, habits, past behaviors, preferences, recommended improvements, willingness to buy, ownership, and hypothetical future scenarios.',
    },
    {
      title: 'Participant session data from web-based meetings and web conferences',
      text: "Participant name, participant's webcam-generated image (including presenters), recorded participant audio, video, and shared meeting screen content, chat interaction, polling questions and associated responses, participant join time and leave time, meeting duration, participant location, and participant media hardware information, Participant Job Information, Participant Stated Locale, Participant Connection Type, Participant Data Center, Participant Device Type, Participant Domain, Participant Full Data Center, Participant Hard Disk ID, Participant ID, Participant IP Address, Participant Join Time, Participant Camera Name, Participant MAC Address, Participant Microphone Name, Participant Network Type, Participant PC Name, Participant Role, Participant Share Settings, Participant Speaker Name, Participant Status, Participant User ID, Participant User Name, Participant Zoom, Participant SIP URL, Participant Leave Reason, Participant AS Input, Participant AS Output, Participant Audio Input, Participant Audio Output, Participant CPU Usage, Participant Video Input, Participant Video Output, Participant Quality, Participant Sharing Details, Participant Recording Details.",
    },
    {
      title: 'Device data from web-based meetings and web conferences',
      text: 'Device type (such as mobile, desktop, or tablet), Device Operating System, Number of users of related Operating Systems, Operating System Version, Operating System Type, MAC address, and IP address, hard disk ID, PC Name, Bluetooth Information, Packet Loss, internet Connection Type, Bluetooth Device Name, Bluetooth Device Type, Device Architecture, Central Processing Unit (CPU) Core Type, CPU core frequency, CPU Brand, Available Memory, Total CPU Capacity, Total Capacity Utilized by Application, Memory Used by Application, API Permissions, API Authentication, Authentication Secret Key, Graphics Processing Unit (GPU) Brand, GPU Type, Custom Attributes Defined by Organization, Archived Meeting Files, Archive Meeting Account Name, Archived Meeting File Download User, Archived Meeting File Extension, Archived Meeting File Size, Archived Meeting File Type, Archived Meeting File ID, Archived Meeting File Participant Email, Archived Meeting Participant Join Time, Archived Meeting Participant Leave Time, Archived Meeting File Recording Type, Archived Meeting File Status, Archived Meeting Complete Time, Archived Meeting Complete Time Duration, Archived Meeting Duration, Archived Meeting Duration In Seconds, Archived Meeting Host ID, Archived Meeting ID, Archived Meeting Settings, Archived Meeting Type, Archived Meeting Recording Count, Archived Meeting Start Time, Archived Meeting Topic, Archived Meeting Total Size, Archived Meeting UU ID, Past Meeting Participant ID, Past Meeting Participant Name, Past Meeting Participant Email, SIP Phone Authorization Name, SIP Phone Domain, SIP Phone ID, SIP Phone Password, SIP Phone Proxy Servers, SIP Phone Register Servers, SIP Phone Registration Expire Time, SIP Phone Transport Protocols, SIP Phone User Email, SIP Phone User Name, SIP Phone Voice Voicemail.',
    },
    {
      title: 'User data from web-based meetings and web conferences',
      text: "User Creation Date, User Department, User Email Address, User Employee ID, User Name, User System ID, User Chat Group Ids, User System Client Version, User Last Login Time, User Picture URL, User PMI, User Status, User Timezone, User Type, User Verified Status, User Password, User JID, User Language, User Manager, User Personal Meeting URL, User Role ID, User Role Name, User Use PMI Status, User Phone Country, User Company, User Custom Attributes, User CMS User ID, User Pronouns, User Vanity Name, User Assistant Email, User Assistant ID, User Permissions, User Presence Status, User Scheduler Email, User Scheduler ID, User Settings, User Token, User Meeting Minutes, User Number Of Meetings, User Participant Number, User's Web Conferences Template, User Scheduled Web Conferences, User Web Conferences Settings, User Web Conferences Recurrence Settings, User Web Conferences Password, User Web Conferences Agenda, User Web Conferences Duration, User Web Conferences Start Time, User Web Conferences Template ID, User Web Conferences Topic. User Web Conferences Tracking Fields, User Web Conferences Time zone User Web Conferences Created Date, User Web Conferences Host ID, User Web Conferences Type, User Web Conferences UU ID, User Web Conferences Start URL, User TSP Account Conference Code, User TSP Account Dial-In Numbers, User TSP Account ID, User TSP Account Leader PIN, User TSP account TSP Bridge, User TSP Audio URL, Chat Messaging Content.",
    },
    {
      title: 'Web-based meeting and web conference administration data',
      text: 'Account Administrator Name, Account Contact Information Account ID, Account Billing Information, Account Plan Information, Conference Room Account type, Conference Room calendar name, conference room camera name, conference room device IP address, conference room email address, conference room health, conference room ID, conference room issues, conference room last start time, conference room microphone name, conference room name, conference room speaker name, conference room status, Conference Room live meeting, Conference Room past meetings, conference room activation code, conference room support email, conference room support phone, conference room passcode, conference room settings, conference room location description, conference room location name, User Sign In And Sign Out Times, Deleted Message Sender, Deleted Message Time, Deleted Message ID, Deleted Message Text, Deleted Message Main Message ID, Deleted Message Main Message Timestamp, Deleted Message File Name, Deleted Message File Size, Edited Message Sender, Edited Message Time, Edited Message ID, Edited Message Text, Edited Message Main Message ID, Edited Message Main Message Timestamp, Edited Message File Name, Edited Message File Size, Message Sender, Message Time, Message ID, Message Main Message ID, Message Main Message Timestamp, Message File, Message File Size, Group admin name, Group admin email, group admin ID, group member email, group member first name, group member last name, group member ID, group member type, chat group ID, chat group name, chat group total members, chat group, Files sent through chat, GIPHYs sent through chat, groups sent through chat, p2p sent through chat, text sent through chat, total sent through chat, audio sent through chat, code snippet sent through chat, Operation Log action, operation log category type, operation log operation detail, operation log user, operation log time, Role member department, role member email, role member first name, role member ID, role member type, client feedback detail email, client feedback detail meeting ID, client feedback detail participant name, client feedback detail time.',
    },
    {
      title: 'Web-Based Meeting And Web Conference Telemetry Data',
      text: 'Event Time, Client Type, Event Location, Event, Subevent, UUID, Client Version, UserID, Client OS, Meeting ID.',
    },
    {
      title: 'Chat Application Telemetry Data',
      text: 'User Email, Group Chat, Message Type, In Meeting Message, Status, Do Not Disturb Time, Notification Setting, Show Group On Contact List, File Type, File Location, Link URL, Keywords, GIF Keywords, Emoji Code, Audio Setting, Video Setting, Is E2E Enabled, Message ID, IP Address.',
    },
    {
      title: 'Communication Data',
      text: 'Deleted Persistent Message Sender, Deleted Persistent Message Time, Deleted Persistent Message ID, Deleted Persistent Message Text, Deleted Persistent Message Main Message ID, Deleted Persistent Message Main Message Timestamp, Deleted Persistent Message File Name, Deleted Persistent Message File Size, Edited Persistent Message Sender, Edited Persistent Message Time, Edited Persistent Message ID, Edited Persistent Message Text, Edited Persistent Message Main Message ID, Edited Persistent Message Main Message Timestamp, Edited Persistent Message File Name, Edited Persistent Message File Size, Persistent Message Sender, Persistent Message Time, Persistent Message ID, Persistent Message Main Message ID, Persistent Message Main Message Timestamp, Persistent Message File, Persistent Message File Size, Persistent Message Images Exchanged, Persistent Message Files Exchanged, Persistent Message Videos Exchanged, Persistent Message Channel Title, Persistent Message Whiteboard Annotations, Persistent Message Text, Deleted Message Sender, Deleted Message Time, Deleted Message ID, Deleted Message Text, Deleted Message Main Message ID, Deleted Message Main Message Timestamp, Deleted Message File Name, Deleted Message File Size, Edited Message Sender, Edited Message Time, Edited Message ID, Edited Message Text, Edited Message Main Message ID, Edited Message Main Message Timestamp, Edited Message File Name, Edited Message File Size, Message Sender, Message Time, Message ID, Message Main Message ID, Message Main Message Timestamp, Message File, Message File Size, Message Text.',
    },
    {
      title: 'Survey data',
      text: 'customer perception, feelings, habits, past behaviors, preferences, recommended improvements, willingness to buy, ownership, and hypothetical future scenarios.',
    },
    {
      title: 'Customer sharing and analytics data',
      text: 'Analytics program shared by email address, analytics program shared to email address, Analytics program shared by name, Analytics program report data, Analytics shared document viewed count, Analytics shared document viewer email address, Analytics shared document viewer name, Analytics shared document reports. custom webpage view count, custom webpage shared by email address, custom webpage shared to email address, custom webpage shared by name, custom webpage shared to name, custom webpage share number, custom webpage share views, custom webpage user insights, customer sharing program usage report data, customer meeting insights.',
    },
  ],
  recordSourceCategories: 'Customers, USPS personnel, and list providers.',
  routineUses: { text: 'Standard routine uses 1. through 7., 10., and 11. apply.', standard: [1, 2, 3, 4, 5, 6, 7, 10, 11] },
  storage: 'Automated databases, computer storage media, and paper.',
  retrieval: {
    text: [
      'For sales, events, and publications, information is retrieved by customer name or customer ID(s), mail or email address, and phone number.',
      'For direct marketing, information is retrieved by Standard Industry Code (SIC) or North American Industry Classification System (NAISC) number, and company name.',
      'Report and tracking data created during web-based meetings and video conferences that pertain to individual participants, content shared, conference codes and other relevant session data and historical device usage data, are retrieved by meeting ID, host name or host email address.',
      'Records pertaining to web-based collaboration and communication applications are retrieved by organizer name and other associated personal identifiers.',
      'Media recordings created during web-based meetings and video conferences are retrieved by meeting ID, host name or host email address.',
      'Web-based meeting and video session recordings are retrieved by meeting ID, host name or host email address.',
      'Customer Insight materials are retrieved by name and email address.',
    ],
    // "other associated personal identifiers" (item 4) gets no key: Caseline retrieves by the named keys only.
    keys: [
      'customer_name',
      'customer_id',
      'mailing_address',
      'email',
      'phone',
      'sic_naics',
      'company_name',
      'meeting_id',
      'host_name',
      'host_email',
      'organizer_name',
    ],
  },
  disposal:
    'Records existing on paper are destroyed by burning, pulping, or shredding. Records existing on computer storage media are destroyed according to the applicable USPS media sanitization practice.',
  safeguards: [
    'Paper records, computers, and computer storage media are located in controlled-access areas under supervision of program personnel. Access to these areas is limited to authorized personnel, who must be identified with a badge.',
    'Access to records is limited to individuals whose official duties require such access. Contractors and licensees are subject to contract controls and unannounced on-site audits and inspections. Computers are protected by mechanical locks, card key systems, or other physical access control methods. The use of computer systems is regulated with installed security software, computer logon identifications, and operating system controls including access controls, terminal and transaction logging, and file management software. Online data transmission is protected by encryption.',
  ],
  recordAccessProcedures:
    'Requests for access must be made in accordance with the Notification Procedure above and USPS Privacy Act regulations regarding access to records and verification of identity under 39 CFR 266.5.',
  contestingRecordProcedures: 'See Notification Procedure and Record Access Procedures above.',
  notificationProcedures:
    "For information pertaining to sales, inquiries should be addressed to: Sales and Customer Relations 475 L'Enfant Plaza SW, Washington, DC 20260. Customers wanting to know if other information about them is maintained in this system of records must address inquiries in writing to the Chief Customer and Marketing Officer and Executive Vice President and include their name and address.",
  exemptions: 'None.',
  history: 'August 4, 2020, 85 FR 47258; June 1, 2020, 85 FR 33208; October 24, 2011, 76 FR 65756; April 29, 2005, 70 FR 22516.',
  recordTypes,
};
