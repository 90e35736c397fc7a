-- A link code sent by letter (880.000: "to verify a customer's identity"): unlike an e-mailed
-- or texted code, it waits days for the print room, so the code itself is kept until the
-- letter is printed — encrypted under the key of the customer whose address it goes to, and
-- wiped once the print room confirms the letter printed. The code's digest stays for redeeming.
ALTER TABLE portal_codes
  ADD COLUMN letter_ct  bytea,
  ADD COLUMN printed_at timestamptz,
  ADD CONSTRAINT portal_codes_letter_channel CHECK ((letter_ct IS NULL AND printed_at IS NULL) OR channel = 'letter');
-- The print queue: letters still to print, oldest first.
CREATE INDEX portal_codes_to_print ON portal_codes (created_at) WHERE letter_ct IS NOT NULL;
