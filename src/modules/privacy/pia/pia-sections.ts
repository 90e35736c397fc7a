import type { Action, Relation } from '../../../access/index.ts';
import type { FieldClass } from '../../../catalog/index.ts';
import type { CatalogFacts, NoticeFacts, RecordTypeFacts, RoleFacts, TableFacts } from './pia-facts.ts';
import type { PiaConfiguration } from './pia-configuration.ts';

export type PiaBlock =
  /** A heading inside an answer, e.g. one notice's part of it. */
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

export interface PiaQuestion {
  /** '1', '2', …; empty for an unnumbered item such as the PTA's designation. */
  readonly number: string;
  readonly question: string;
  readonly answer: readonly PiaBlock[];
}

export interface PiaPart {
  readonly title: string;
  readonly questions: readonly PiaQuestion[];
}

export interface PiaInputs {
  readonly systemName: string;
  readonly catalog: CatalogFacts;
  readonly roles: readonly RoleFacts[];
  readonly configuration: PiaConfiguration;
  /** How contacts reach a case (the cases module's channels). */
  readonly channels: readonly string[];
}

const heading = (text: string): PiaBlock => ({ kind: 'heading', text });
const paragraph = (text: string): PiaBlock => ({ kind: 'paragraph', text });
const list = (items: readonly string[]): PiaBlock => ({ kind: 'list', items });
const table = (columns: readonly string[], rows: readonly (readonly string[])[]): PiaBlock => ({ kind: 'table', columns, rows });

const humanise = (name: string): string => name.replaceAll('_', ' ');
const byteSize = (bytes: number): string => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`);
const yesNo = (on: boolean): string => (on ? 'yes' : 'no');
const noticeTitle = (notice: NoticeFacts): string => `${notice.designation}, ${notice.name}`;
const personalClasses = ['identifier', 'sensitive', 'content'] as const satisfies readonly FieldClass[];

const classMeaning: Record<FieldClass, string> = {
  identifier: 'identifies or contacts a person',
  sensitive: 'harms the person if exposed',
  content: 'what the person wrote or said, or what staff wrote about them',
  operational: 'facts about the record rather than the person',
};

const actionLabels: Record<Action, string> = {
  'record.read': 'read records',
  'record.create': 'create records',
  'record.update': 'change records',
  'record.delete': 'delete records',
  'record.read_sensitive': 'reveal sensitive fields',
  'record.export': 'export records',
  'audit.read': 'read the audit log',
  'audit.verify': 'verify the audit log',
  'user.manage': 'manage staff accounts',
  'settings.manage': 'manage settings',
  'keys.manage': 'manage encryption keys',
  'catalog.read': 'read the catalog',
  'retention.manage': 'manage retention and legal holds',
  'routing.manage': 'manage routing and queues',
  'macros.manage': 'manage reply templates',
  'reports.read': 'read aggregate reports',
  'notices.publish': 'record a notice as published',
  'letters.print': 'print queued letters',
  'fraud.review': 'decide change-of-address requests held for fraud review',
  'tracking.ingest': 'load tracking events from feeds',
};

const relationLabels: Record<Relation, string> = {
  shared: 'shared records',
  in_area: 'own business areas',
  other_area: 'other business areas',
  own: 'own records',
  other: "other customers' records",
  any: '',
};

function grantText(role: RoleFacts): string {
  return role.grants
    .map(({ action, relations }) => {
      const scope = relations.map((relation) => relationLabels[relation]).filter((label) => label !== '');
      return scope.length === 0 ? actionLabels[action] : `${actionLabels[action]} (${scope.join(', ')})`;
    })
    .join('; ');
}

function fieldsOfClass(recordType: RecordTypeFacts, fieldClass: FieldClass): string {
  const names = recordType.fields.filter((field) => field.fieldClass === fieldClass).map((field) => humanise(field.name));
  return names.length === 0 ? '-' : names.join(', ');
}

function tableRows(tables: readonly TableFacts[]): string[][] {
  return tables.map((t) => [
    t.name,
    t.description,
    personalClasses
      .flatMap((fieldClass) => (t.columns[fieldClass].length === 0 ? [] : [`${fieldClass}: ${t.columns[fieldClass].join(', ')}`]))
      .join('; ') || 'none (the row itself is personal data)',
  ]);
}

/** Each personal field of any record type, with where it is held; in class order, then by name. */
function fieldInventory(notices: readonly NoticeFacts[]): string[][] {
  const byField = new Map<string, { fieldClass: FieldClass; notices: Set<string>; recordTypes: number }>();
  for (const notice of notices) {
    for (const recordType of notice.recordTypes) {
      for (const field of recordType.fields) {
        if (field.fieldClass === 'operational') continue;
        const key = `${field.fieldClass}:${field.name}`;
        const entry = byField.get(key) ?? { fieldClass: field.fieldClass, notices: new Set<string>(), recordTypes: 0 };
        entry.notices.add(notice.designation);
        byField.set(key, { ...entry, recordTypes: entry.recordTypes + 1 });
      }
    }
  }
  return [...byField.entries()]
    .sort(([a, x], [b, y]) => fieldClassOrder(x.fieldClass) - fieldClassOrder(y.fieldClass) || a.localeCompare(b))
    .map(([key, entry]) => [
      humanise(key.slice(key.indexOf(':') + 1)),
      entry.fieldClass,
      [...entry.notices].join(', '),
      String(entry.recordTypes),
    ]);
}

const fieldClassOrder = (fieldClass: FieldClass): number => personalClasses.indexOf(fieldClass as (typeof personalClasses)[number]);

function perNotice(notices: readonly NoticeFacts[], answer: (notice: NoticeFacts) => PiaBlock[]): PiaBlock[] {
  return notices.flatMap((notice) => [heading(noticeTitle(notice)), ...answer(notice)]);
}

function engineText(configuration: PiaConfiguration): string {
  return configuration.engine === 'postgres'
    ? 'A PostgreSQL server named by DATABASE_URL (its address and credentials are not reproduced here).'
    : "The embedded PostgreSQL database (PGlite), kept as files in Caseline's data directory on this machine; no database server is used.";
}

function keyringText(configuration: PiaConfiguration): string {
  return configuration.keyring === 'environment'
    ? 'The master key is given to Caseline in the CASELINE_MASTER_KEY environment variable at start and is not stored with the data.'
    : 'The master key is held in a key file Caseline created in its data directory on first start. Whoever can read that directory can read both the data and the key, so the directory, its backups and the disk must be protected accordingly, or the key moved to CASELINE_MASTER_KEY.';
}

function intakeItems(configuration: PiaConfiguration, channels: readonly string[]): string[] {
  const { intake } = configuration;
  return [
    `Public web form (served by \`caseline serve\`), limited to ${intake.webFormRateLimit} submissions per client address per minute.`,
    `E-mail received by Caseline's own SMTP listener: ${intake.smtpListener ? 'enabled' : 'not enabled'}.`,
    `E-mail collected from a mailbox by the IMAP poller: ${intake.imapPoller ? 'enabled' : 'not enabled'}.`,
    intake.faxGateways === 0
      ? 'Fax-to-e-mail gateways: none configured.'
      : `Fax-to-e-mail gateways: ${intake.faxGateways} configured; faxes arriving through them are taken as fax contacts.`,
    `Contacts recorded by agents on a case, by channel: ${channels.map(humanise).join(', ')}.`,
  ];
}

function configurationRows(configuration: PiaConfiguration): string[][] {
  const { intake, audit } = configuration;
  return [
    ['Database engine', configuration.engine === 'postgres' ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PGlite (data directory)'],
    ['Master key source', configuration.keyring === 'environment' ? 'environment (CASELINE_MASTER_KEY)' : 'key file in the data directory'],
    ['HTTPS served by Caseline', yesNo(configuration.tls)],
    ['Behind a trusted reverse proxy', yesNo(configuration.behindProxy)],
    ['Single sign-on (OpenID Connect)', yesNo(configuration.singleSignOn)],
    ['Outbound mail relay configured', yesNo(configuration.mailRelay)],
    ['SMTP intake listener', yesNo(intake.smtpListener)],
    ['IMAP intake poller', yesNo(intake.imapPoller)],
    ['Fax-to-e-mail gateways', String(intake.faxGateways)],
    ['Record type of cases opened from e-mail', intake.emailRecordType],
    ['Web-form submissions per client per minute', String(intake.webFormRateLimit)],
    ['Sign-in attempts per client per minute', String(configuration.signInRateLimit)],
    ['Staff session idle timeout', `${configuration.sessionIdleMinutes} minutes`],
    ['Audit checkpoint every', `${audit.checkpointEvery} entries`],
    ['Audit checkpoints also sent to a webhook', yesNo(audit.checkpointWebhook)],
    ['Largest attachment accepted', byteSize(configuration.attachmentMaxBytes)],
    ['Agency time zone', configuration.timeZone],
  ];
}

function thresholdAnalysis(inputs: PiaInputs): PiaPart {
  const { catalog, systemName, configuration, channels } = inputs;
  const allTables = [...catalog.notices.flatMap((notice) => notice.tables), ...catalog.otherTables];
  const inventory = fieldInventory(catalog.notices);
  const countOf = (fieldClass: FieldClass) => inventory.filter((row) => row[1] === fieldClass).length;
  const privacySensitive = inventory.length > 0 || allTables.length > 0;
  return {
    title: 'Privacy Threshold Analysis (PTA)',
    questions: [
      {
        number: '1',
        question: `Describe ${systemName} and its purpose.`,
        answer: [
          paragraph(
            `${systemName} is a customer contact and case management system. It holds the records of ${catalog.notices.length} systems of records, each declared in its catalog (record types, fields, retrieval keys and retention), which this assessment reads:`,
          ),
          list(catalog.notices.map((notice) => `${noticeTitle(notice)} (${notice.recordTypes.length} record types)`)),
          paragraph('Contacts reach it by these channels, as configured:'),
          list(intakeItems(configuration, channels)),
          paragraph('The purposes of each system of records are listed under PIA question 2.'),
        ],
      },
      {
        number: '2',
        question: 'Status of the system.',
        answer: [
          paragraph(
            `This assessment was generated from ${systemName}'s catalog and running configuration. Neither records when the system was first developed or last updated, nor whether it is a new development or an existing system; the system owner states these.`,
          ),
        ],
      },
      {
        number: '3',
        question: 'Does the system relate exclusively to the network infrastructure?',
        answer: [
          paragraph(
            `No. Its database holds ${allTables.length} tables of personal data (listed under PIA question 1), and its catalog declares ${catalog.notices.reduce((n, notice) => n + notice.recordTypes.length, 0)} record types about individuals.`,
          ),
        ],
      },
      {
        number: '4',
        question: 'Could the system contain information that relates in any way to an individual?',
        answer: [
          paragraph('Yes. The categories of individuals covered, as each notice states them:'),
          list(catalog.notices.flatMap((notice) => notice.categoriesOfIndividuals.map((text) => `${notice.designation}: ${text}`))),
          ...(catalog.otherTables.some((t) => t.heldFor === 'staff')
            ? [
                paragraph(
                  `Staff who use ${systemName}: their accounts, sessions and API tokens (${catalog.otherTables
                    .filter((t) => t.heldFor === 'staff')
                    .map((t) => t.name)
                    .join(
                      ', ',
                    )}), and the audit log entries that record what they did. None of the notices above covers staff records; which notice does is for the privacy officer to state.`,
                ),
              ]
            : []),
        ],
      },
      {
        number: '5',
        question: 'Does the system use or collect protectable personally identifiable information (PII) or publicly releasable PII? Why?',
        answer: [
          paragraph(
            `Yes, protectable PII. Across its record types the catalog declares ${countOf('identifier')} kinds of identifier (${classMeaning.identifier}), ${countOf('sensitive')} kinds of sensitive field (${classMeaning.sensitive}) and ${countOf('content')} kinds of content (${classMeaning.content}). Whether any of it has been authorised for public release is not recorded in the catalog.`,
          ),
          paragraph('It is collected for the purposes its notices state (PIA question 2), in short:'),
          list(catalog.notices.map((notice) => `${notice.designation}: ${notice.purposes[0] ?? 'no purpose stated'}`)),
        ],
      },
      {
        number: '6',
        question: 'What information about individuals could be collected, generated or retained?',
        answer: [
          paragraph(
            'Every personal field of every record type in the catalog (operational fields, such as status and timestamps, are left out):',
          ),
          table(['Field', 'Class', 'Notices', 'Record types'], inventory),
        ],
      },
      {
        number: '',
        question: 'Designation',
        answer: [
          paragraph(
            privacySensitive
              ? 'This IS a Privacy Sensitive System: it holds personally identifiable information. A PIA is required (below).'
              : 'The catalog declares no personal data: this is NOT a Privacy Sensitive System.',
          ),
          paragraph(
            'Whether it is also a national security, legacy, HR or financial system is not recorded in the catalog or the configuration; the Senior Privacy Official determines it.',
          ),
        ],
      },
    ],
  };
}

function impactAssessment(inputs: PiaInputs): PiaPart {
  const { catalog, configuration, roles, systemName } = inputs;
  const masked = catalog.notices.flatMap((notice) =>
    notice.recordTypes.flatMap((recordType) =>
      recordType.fields
        .filter((field) => field.mask !== null)
        .map((field) => `${humanise(field.name)} in ${recordType.id} (${field.mask === 'last4' ? 'last four shown' : 'hidden in full'})`),
    ),
  );
  const mfaRoles = roles.filter((role) => role.mfaRequired).map((role) => role.role);
  return {
    title: 'Privacy Impact Assessment (PIA)',
    questions: [
      {
        number: '1',
        question: 'What information is to be collected (e.g., nature and source)?',
        answer: [
          ...perNotice(catalog.notices, (notice) => [
            paragraph('Categories of records:'),
            list(notice.categoriesOfRecords.map((category) => (category.title ? `${category.title}: ${category.text}` : category.text))),
            paragraph(`Sources: ${notice.recordSourceCategories}`),
            table(
              ['Record type', 'Identifiers', 'Sensitive', 'Content'],
              notice.recordTypes.map((recordType) => [
                `${recordType.name} (${recordType.id})`,
                ...personalClasses.map((fieldClass) => fieldsOfClass(recordType, fieldClass)),
              ]),
            ),
            ...(notice.tables.length === 0
              ? [
                  paragraph(
                    `The catalog declares no database table for this notice's records: ${systemName} does not store them yet, although their record types are declared.`,
                  ),
                ]
              : [
                  paragraph('Held in these database tables:'),
                  table(['Table', 'What it holds', 'Personal columns'], tableRows(notice.tables)),
                ]),
          ]),
          ...(catalog.otherTables.length === 0
            ? []
            : [
                heading('Held about staff and for the system itself'),
                table(['Table', 'What it holds', 'Personal columns'], tableRows(catalog.otherTables)),
              ]),
        ],
      },
      {
        number: '2',
        question: 'Why is the information being collected (e.g., to determine eligibility)?',
        answer: perNotice(catalog.notices, (notice) => [
          paragraph(`Authority: ${notice.authority}`),
          paragraph('Purposes:'),
          list(notice.purposes),
        ]),
      },
      {
        number: '3',
        question: 'What is the intended use of the information (e.g., to verify existing data)?',
        answer: [
          paragraph(
            `The information is used for the purposes above, by the staff roles of question 6. ${systemName} finds a record only by the retrieval keys its notice lists: each key is a keyed blind index (an HMAC of the normalised value), and a key the notice does not list has no index. Every read and write of personal data is entered in the audit log with the user, the data subjects and the purpose.`,
          ),
          ...perNotice(catalog.notices, (notice) => [
            ...notice.retrieval.map(paragraph),
            table(
              ['Record type', 'Retrieved by'],
              notice.recordTypes.map((recordType) => [recordType.name, recordType.retrievalKeys.map(humanise).join(', ')]),
            ),
          ]),
          heading('Fields shown masked until revealed'),
          paragraph('Revealing a masked field is itself recorded in the audit log.'),
          list(masked),
        ],
      },
      {
        number: '4',
        question: 'With whom will the information be shared (e.g., another agency for a specified programmatic purpose)?',
        answer: [
          ...perNotice(catalog.notices, (notice) => [
            paragraph(notice.routineUses.text),
            ...(notice.routineUses.standard.length === 0
              ? []
              : [paragraph(`Standard (general) routine uses adopted: ${notice.routineUses.standard.join(', ')}.`)]),
          ]),
          heading('Transmission outside the system, as configured'),
          list([
            configuration.mailRelay
              ? 'Outbound e-mail to customers goes through the configured SMTP relay.'
              : 'No outbound mail relay is configured: e-mail to customers stays queued in the database and is not sent.',
            configuration.audit.checkpointWebhook
              ? 'Audit checkpoints are sent to a webhook; they carry positions and hashes of the audit chain, no personal data.'
              : 'Audit checkpoints are written to a file only; they carry positions and hashes of the audit chain, no personal data.',
            'Within the agency, access is by role and business area (question 6).',
          ]),
        ],
      },
      {
        number: '5',
        question:
          'What opportunities do individuals have to decline to provide information or to consent to particular uses of it, and how can individuals grant consent?',
        answer: [
          paragraph(
            `The catalog records no consent choices and no Privacy Act statement (5 U.S.C. 552a(e)(3)) for the points where information is collected, so this assessment cannot say what individuals are told there or which information is voluntary beyond what the notices say. The collection points are the channels of PTA question 1. The published notices are generated from the same catalog (\`caseline sorn show <notice>\`), so what they say matches what the system holds.`,
          ),
          ...perNotice(catalog.notices, (notice) => [
            paragraph(`Sources: ${notice.recordSourceCategories}`),
            paragraph(`Notification: ${notice.notificationProcedures}`),
            paragraph(`Access: ${notice.recordAccessProcedures}`),
            paragraph(`Amendment: ${notice.contestingRecordProcedures}`),
          ]),
        ],
      },
      {
        number: '6',
        question: 'How will the information be secured (e.g., administrative and technological controls)?',
        answer: [
          ...perNotice(catalog.notices, (notice) => [paragraph('As the notice publishes them:'), ...notice.safeguards.map(paragraph)]),
          heading('As built and configured'),
          list([
            `Database: ${engineText(configuration)}`,
            'Encryption at rest: identifier, sensitive and content fields are stored as AES-256-GCM ciphertext under a data key of their own data subject; each data key is wrapped by a master key. Erasing a subject destroys its key (crypto-shredding).',
            `Master key: ${keyringText(configuration)}`,
            'Isolation: PostgreSQL row-level security is forced on the tables of personal data; each transaction carries its user, and the same authorization matrix as the service layer decides which rows exist for it.',
            `Audit: every read and write of personal data is entered in an append-only, hash-chained audit log; a checkpoint of the chain is written every ${configuration.audit.checkpointEvery} entries${configuration.audit.checkpointWebhook ? ' and also sent to a webhook' : ''}.`,
            `Authentication: passwords${configuration.singleSignOn ? ' or single sign-on through an OpenID Connect provider' : ' (single sign-on is not configured)'}; a second factor (TOTP) for the roles that may reveal sensitive fields (${mfaRoles.join(', ')}); sessions end after ${configuration.sessionIdleMinutes} idle minutes; at most ${configuration.signInRateLimit} sign-in attempts per client address per minute.`,
            configuration.tls
              ? 'Transport: Caseline serves HTTPS itself.'
              : configuration.behindProxy
                ? 'Transport: Caseline serves plain HTTP behind a reverse proxy it trusts; whether that proxy encrypts the connection cannot be seen from the configuration.'
                : 'Transport: Caseline serves plain HTTP and no reverse proxy is configured: connections are not encrypted unless something in front of it does so.',
          ]),
          heading('Roles and what each may do (the authorization matrix)'),
          table(
            ['Role', 'Description', 'May', 'Second factor'],
            roles.map((role) => [humanise(role.role), role.description, grantText(role), role.mfaRequired ? 'required' : '-']),
          ),
        ],
      },
      {
        number: '7',
        question: 'Is a system of records being created under the Privacy Act, 5 U.S.C. 552a?',
        answer: [
          paragraph('No new one: the records are maintained under these existing systems of records:'),
          list(catalog.notices.map((notice) => `${noticeTitle(notice)}. History: ${notice.history} Exemptions: ${notice.exemptions}`)),
        ],
      },
      {
        number: '8',
        question:
          'How long is the information retained, and how is it disposed of? (Not a question of the 2007 form; added from the catalog.)',
        answer: [
          paragraph(
            `${systemName} computes each record's disposal date (dispose_after) from its record type's rule when the record is written.`,
          ),
          ...perNotice(catalog.notices, (notice) => [
            ...(notice.retentionPreamble === null ? [] : [paragraph(notice.retentionPreamble)]),
            table(
              ['Record type', 'Rule', 'As the notice states it'],
              notice.recordTypes.map((recordType) => [recordType.name, recordType.retention, recordType.retentionStatement]),
            ),
            paragraph(`Disposal: ${notice.disposal}`),
          ]),
        ],
      },
    ],
  };
}

function appendix(inputs: PiaInputs): PiaPart {
  return {
    title: 'Appendix',
    questions: [
      {
        number: 'A',
        question: 'The running configuration this assessment describes',
        answer: [
          paragraph('Kinds and switches only: no key, password, address or path is reproduced.'),
          table(['Setting', 'As configured'], configurationRows(inputs.configuration)),
        ],
      },
      {
        number: 'B',
        question: 'What this assessment could not derive',
        answer: [
          list([
            'When the system was first developed and last updated, and whether it is new or existing (PTA 2).',
            'Whether it is a national security, legacy, HR or financial system (Designation).',
            'What individuals are told when information is collected, and which items they may decline (PIA 5).',
            'Certification and accreditation status, and the physical safeguards of the machines it runs on (PIA 6).',
            'The names of the preparer, the system owner and the approving official (below).',
          ]),
        ],
      },
      {
        number: 'C',
        question: 'Approval',
        answer: [
          list([
            'Prepared by (name, title, signature and date):',
            'Approved by the System Owner (name, signature and date):',
            'I have reviewed and approved this Privacy Impact Assessment. Chief Information Officer (name, signature and date):',
          ]),
        ],
      },
    ],
  };
}

/** The assessment's questions in the order of seed 003's PTA/PIA, each answered from the inputs. */
export function piaParts(inputs: PiaInputs): readonly PiaPart[] {
  return [thresholdAnalysis(inputs), impactAssessment(inputs), appendix(inputs)];
}
