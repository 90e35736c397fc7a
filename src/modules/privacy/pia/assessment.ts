import { notices as catalogNotices, tables as catalogTables, type Notice, type TableDecl } from '../../../catalog/index.ts';
import { caseChannels } from '../../cases/index.ts';
import { catalogFacts, roleFacts, type CatalogFacts, type RoleFacts } from './pia-facts.ts';
import type { PiaConfiguration } from './pia-configuration.ts';
import { piaParts, type PiaPart } from './pia-sections.ts';

/**
 * A privacy threshold analysis and privacy impact assessment in the layout of seed 003
 * (the USPTO UCCMS PTA/PIA), every answer derived from the catalog, the authorization
 * matrix and the running configuration. Where none of them says, the answer says so.
 */
export interface Assessment {
  readonly title: string;
  readonly systemName: string;
  /** The agency named in the configuration (CASELINE_AGENCY_NAME). */
  readonly preparedFor: string;
  readonly generatedAt: Date;
  readonly catalog: CatalogFacts;
  readonly roles: readonly RoleFacts[];
  readonly configuration: PiaConfiguration;
  /** PTA, PIA and appendix, each a list of questions with their answers. */
  readonly parts: readonly PiaPart[];
}

export interface AssessmentOptions {
  readonly configuration: PiaConfiguration;
  readonly generatedAt: Date;
  /** The catalog to assess; the one Caseline obeys unless a test gives another. */
  readonly notices?: readonly Notice[];
  readonly tables?: Readonly<Record<string, TableDecl>>;
}

const systemName = 'Caseline';

export function buildAssessment(options: AssessmentOptions): Assessment {
  const catalog = catalogFacts(options.notices ?? catalogNotices, options.tables ?? catalogTables);
  const roles = roleFacts();
  return {
    title: `${systemName} Privacy Threshold Analysis / Privacy Impact Assessment (PTA/PIA)`,
    systemName,
    preparedFor: options.configuration.agencyName,
    generatedAt: options.generatedAt,
    catalog,
    roles,
    configuration: options.configuration,
    parts: piaParts({ systemName, catalog, roles, configuration: options.configuration, channels: caseChannels }),
  };
}
