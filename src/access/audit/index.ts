// The audit log's one public face: other code writes the log only through appendAudit, or
// auditInsert for an entry sent together with the rows of the work it records.
export { appendAudit, appendAuditUnwaited, appendAuditWith, auditInsert, AuditEntryError } from './append-audit.ts';
export {
  actorRoleOf,
  auditActions,
  auditOutcomes,
  type AuditAction,
  type AuditDetail,
  type AuditEntry,
  type AuditOutcome,
} from './audit-entry.ts';
export type { AuditRecord, ChainHead, ChainRecord, SealedRecord } from './audit-record.ts';
export { canonicalEntry, entryHash, entryFormat, genesisHash } from './canonical-entry.ts';
export { sealPending, sealerPrincipal, type SealOptions, type SealResult } from './seal-pending.ts';
export { startSealer, type SealerOptions } from './start-sealer.ts';
export { auditBacklog } from './audit-backlog.ts';
export { createAuditSigner, keyIdOf, type AuditSigner } from './audit-signer.ts';
export { loadSigningKey, publicKeyFile, signingKeyFile } from './load-signing-key.ts';
export {
  checkpointFromJson,
  checkpointMessage,
  checkpointToJson,
  CheckpointFormatError,
  type Checkpoint,
  type PublicKeyInput,
} from './checkpoint.ts';
export type { CheckpointSink } from './checkpoint-sink.ts';
export { fileCheckpointSink } from './file-checkpoint-sink.ts';
export { webhookCheckpointSink, type WebhookOptions } from './webhook-checkpoint-sink.ts';
export { createCheckpointExporter, type CheckpointExporter, type ExportReport, type ExporterOptions } from './checkpoint-exporter.ts';
export { readCheckpointFile } from './read-checkpoint-file.ts';
export {
  verifyChain,
  type ChainProblem,
  type ChainProblemKind,
  type ChainSummary,
  type ChainVerification,
  type VerifyChainOptions,
} from './verify-chain.ts';
export { verifyAudit, type AuditVerification, type VerifyAuditOptions } from './verify-audit.ts';
