-- Redelivery, package pickup and delivery preferences (820.200, seed 001 purposes 4, "To
-- provide customers with mail or package delivery options", and 7, "To provide delivery units
-- with information needed to fulfill requests for mail redelivery … at the address and for the
-- dates specified by the customer"; category 5, "Customer preference data"). Two tables:
--   delivery_requests     a redelivery (after a PS Form 3849 notice) or a package pickup
--                         (record type usps-820/delivery-request: 4 years after the
--                         relationship ends);
--   delivery_preferences  one row per customer: what to do when nobody is home, preferred
--                         delivery days, means of contact, drop-ship codes, instructions
--                         (record type usps-820/customer-account: 4 years after the
--                         relationship ends).
-- Both are kept under the customer's data subject and business area, so erasing the customer
-- shreds them with the rest of the record.

CREATE TABLE delivery_requests (
  id                uuid PRIMARY KEY,
  subject_id        uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  -- SET NULL rather than CASCADE: the request keeps its own retention.
  customer_id       uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area     text,
  kind              text NOT NULL CHECK (kind IN ('redelivery', 'pickup')),
  -- Normalised article numbers (IMpb, legacy 20-digit or S10, their check digits verified):
  -- a redelivery names at least the one on the notice left (PS Form 3849). In clear, like the
  -- tracking events they are looked up in; the catalog classes them as identifiers.
  article_numbers   text[] NOT NULL,
  -- The delivery or pickup address (Publication 28 form, as JSON): ciphertext under the customer's key.
  address_ct        bytea NOT NULL,
  -- The agency's calendar day of the redelivery or of the pickup.
  requested_on      date NOT NULL,
  -- Redelivery only: brought to the address, or collected by the customer at the Post Office.
  redelivery_option text CHECK (redelivery_option IN ('deliver', 'post_office')),
  -- Pickup only: 'WTC' and 10 digits, the last a check digit (pickup-number.ts); unique.
  pickup_number     text UNIQUE CHECK (pickup_number ~ '^WTC[0-9]{10}$'),
  package_count     smallint CHECK (package_count BETWEEN 1 AND 99),
  -- Whole pounds, as USPS Package Pickup asks; at most 70 pounds a package.
  total_weight_lb   integer CHECK (total_weight_lb >= 1 AND total_weight_lb <= 70 * package_count),
  -- Where on the premises the carrier leaves (redelivery to the address) or finds (pickup) the packages.
  location          text CHECK (location IN ('front_door', 'back_door', 'side_door', 'knock_ring', 'mail_room',
                                             'office_reception', 'mailbox', 'other')),
  -- Free text for the carrier: encrypted.
  instructions_ct   bytea,
  status            text NOT NULL CHECK (status IN ('requested', 'cancelled', 'completed')),
  status_by         text,
  status_at         timestamptz,
  entered_by        text NOT NULL,
  created_at        timestamptz NOT NULL,
  -- NULL while the customer relationship lasts: the record type is kept 4 years after it ends.
  dispose_after     timestamptz,
  CHECK (cardinality(article_numbers) <= 20),
  CHECK (kind <> 'redelivery' OR (cardinality(article_numbers) >= 1 AND redelivery_option IS NOT NULL
                                  AND pickup_number IS NULL AND package_count IS NULL AND total_weight_lb IS NULL)),
  CHECK (kind <> 'pickup' OR (redelivery_option IS NULL AND pickup_number IS NOT NULL AND package_count IS NOT NULL
                              AND total_weight_lb IS NOT NULL AND location IS NOT NULL)),
  -- Collected at the Post Office: nothing is left anywhere.
  CHECK (redelivery_option IS DISTINCT FROM 'post_office' OR (location IS NULL AND instructions_ct IS NULL)),
  CHECK ((status = 'requested') = (status_at IS NULL) AND (status_at IS NULL) = (status_by IS NULL))
);
SELECT caseline.protect('delivery_requests');
CREATE INDEX delivery_requests_customer ON delivery_requests (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX delivery_requests_subject ON delivery_requests (subject_id);
CREATE INDEX delivery_requests_dispose_after ON delivery_requests (dispose_after) WHERE dispose_after IS NOT NULL;

CREATE TABLE delivery_preferences (
  -- An id of its own (not the customer's) so that a customer merge can move the row and move it back.
  id                uuid PRIMARY KEY,
  subject_id        uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  customer_id       uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area     text,
  -- When nobody is home to take a package.
  when_absent       text CHECK (when_absent IN ('leave_at_door', 'hold_at_post_office', 'redeliver', 'signature_required')),
  -- ISO weekdays, 1 Monday to 6 Saturday (no delivery on Sunday), ascending, no repeats.
  delivery_days     smallint[] NOT NULL,
  preferred_contact text CHECK (preferred_contact IN ('email', 'phone', 'mail', 'fax', 'text_message', 'none')),
  -- Destination entry codes of a business mailer: 'DNDC:', 'DSCF:' or 'DDU:' and a 5-digit ZIP
  -- Code or a 6-character locale key (drop-ship-code.ts).
  drop_ship_codes   text[] NOT NULL,
  instructions_ct   bytea,
  updated_by        text NOT NULL,
  updated_at        timestamptz NOT NULL,
  dispose_after     timestamptz,
  CHECK (cardinality(delivery_days) <= 6),
  CHECK (cardinality(drop_ship_codes) <= 50)
);
SELECT caseline.protect('delivery_preferences');
-- One row per customer.
CREATE UNIQUE INDEX delivery_preferences_customer ON delivery_preferences (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX delivery_preferences_subject ON delivery_preferences (subject_id);
CREATE INDEX delivery_preferences_dispose_after ON delivery_preferences (dispose_after) WHERE dispose_after IS NOT NULL;
