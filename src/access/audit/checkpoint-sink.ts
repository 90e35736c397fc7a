import type { Checkpoint } from './checkpoint.ts';

/** Somewhere outside the database that keeps a copy of every checkpoint. */
export interface CheckpointSink {
  /** For error reports; never holds a secret (no credentials from a URL). */
  readonly name: string;
  /**
   * The highest chain position the sink already holds: 0 when it holds none, null when
   * it cannot tell (a remote receiver), in which case the newest checkpoint is sent.
   */
  exportedThrough(): Promise<number | null>;
  /** Resolves once the sink holds the checkpoint durably; rejects otherwise. */
  deliver(checkpoint: Checkpoint): Promise<void>;
}
