// The privacy impact assessment's public face: built from the catalog and the running
// configuration, rendered as Markdown or PDF.
export { buildAssessment, type Assessment, type AssessmentOptions } from './assessment.ts';
export { piaConfigurationOf, type PiaConfiguration } from './pia-configuration.ts';
export type { CatalogFacts, FieldFacts, GrantFacts, NoticeFacts, RecordTypeFacts, RoleFacts, TableFacts } from './pia-facts.ts';
export type { PiaBlock, PiaPart, PiaQuestion } from './pia-sections.ts';
export { renderPiaMarkdown } from './render-pia-markdown.ts';
export { renderPiaPdf } from './render-pia-pdf.ts';
