-- Attachments of cases (880.000): e-mail and fax attachments kept with the message they
-- came with, and files agents attach (the scanned letter of a postal or walk-in case).
-- The file itself is not in the database: it lives under the attachments directory,
-- named by storage_id (a random uuid, never the file name), encrypted in 64 KiB chunks
-- under a random per-file key. That key is stored here as ciphertext under the data
-- subject's key (key_ct), so shredding the subject makes the file unreadable wherever a
-- copy of it survives. The file name is personal data too (filename_ct).
CREATE TABLE case_attachments (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- The inbound message the file arrived with; NULL when an agent attached it to the case.
  -- No foreign key: a message and its attachments go with their case, and the case's
  -- cascade removes both.
  message_id    uuid,
  subject_id    uuid NOT NULL,
  business_area text,
  filename_ct   bytea NOT NULL,
  -- Sniffed from the content's magic bytes, never the type the sender declared.
  media_type    text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
  -- SHA-256 of the plaintext: an integrity check of the decrypted file, and the way to
  -- see the same file attached twice. Not a retrieval key.
  sha256        bytea NOT NULL CHECK (octet_length(sha256) = 32),
  storage_id    uuid NOT NULL UNIQUE,
  key_ct        bytea NOT NULL,
  uploaded_by   text NOT NULL,
  created_at    timestamptz NOT NULL
);
SELECT caseline.protect('case_attachments');
CREATE INDEX case_attachments_case ON case_attachments (case_id, created_at);
-- Re-encryption on a customer merge and erasure walk a subject's attachments.
CREATE INDEX case_attachments_subject ON case_attachments (subject_id);
