export {
  createMacros,
  InvalidMacro,
  MacroNameTaken,
  MacroNotFound,
  type MacroOptions,
  type Macros,
  type PreviewResult,
} from './macro-service.ts';
export { macroStatuses, type Macro, type MacroActions, type MacroInput, type MacroPreview, type MacroStatus } from './macro.ts';
export {
  isPlaceholderName,
  parseTemplate,
  placeholderNames,
  placeholdersOf,
  printTemplate,
  renderTemplate,
  TemplateError,
  type PlaceholderName,
  type Segment,
  type Template,
  type TemplateValues,
} from './template.ts';
