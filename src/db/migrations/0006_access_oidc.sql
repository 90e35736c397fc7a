-- Single sign-on (OpenID Connect). A staff account may be bound to one identity at one
-- OpenID provider: the pair (issuer, subject) is what OIDC guarantees to be stable and
-- unique for a person (an e-mail address or a username at the provider may be reassigned,
-- so accounts are never matched by them). Both columns are NULL for password accounts;
-- UNIQUE treats NULLs as distinct, so any number of those may exist. An SSO account has
-- no password_hash: it can sign in only through its provider.
ALTER TABLE staff_users
  ADD COLUMN oidc_issuer  text,
  ADD COLUMN oidc_subject text;

ALTER TABLE staff_users
  ADD CONSTRAINT staff_users_oidc_identity UNIQUE (oidc_issuer, oidc_subject),
  -- Half an identity matches nobody and would hide a bug: both or neither.
  ADD CONSTRAINT staff_users_oidc_pair CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
  -- OpenID Connect Core 1.0, section 2: sub is at most 255 ASCII characters.
  ADD CONSTRAINT staff_users_oidc_subject_length CHECK (length(oidc_subject) BETWEEN 1 AND 255);
