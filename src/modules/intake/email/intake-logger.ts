/**
 * The slice of a pino logger the intake channel uses. Fields carry sizes, counts and ids only:
 * addresses, names, subjects and bodies are personal data and never logged.
 */
export interface IntakeLogger {
  info(fields: Record<string, string | number | boolean>, message: string): void;
  warn(fields: Record<string, string | number | boolean>, message: string): void;
  error(fields: Record<string, string | number | boolean>, message: string): void;
}
