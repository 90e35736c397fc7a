-- Change of Address from the portal: a signed-in customer, linked to their record, files a
-- request for themselves, and the fraud screen must count it as it counts an agent's (the
-- device and network velocity rules exist for exactly these online requests). The counts
-- function answered staff and system principals only; it now also answers a customer, but
-- only about their own customer id. The counts never reach the customer: the service turns
-- them into a screening outcome, and the portal shows only accepted / held / refused.
CREATE OR REPLACE FUNCTION caseline.coa_screening_counts(
  customer uuid, old_key bytea, new_key bytea, device bytea, network bytea, at timestamptz, recent interval, burst interval)
  RETURNS TABLE (account_requests bigint, failed_verifications bigint, new_address_requests bigint,
                 old_address_requests bigint, device_requests bigint, network_requests bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.customer_id = customer AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.coa_identity_verifications v
        WHERE v.customer_id = customer AND v.outcome = 'failed' AND v.verified_at > at - recent AND v.verified_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.new_address_key = new_key AND c.customer_id IS DISTINCT FROM customer
          AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.old_address_key = old_key AND c.customer_id IS DISTINCT FROM customer
          AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE device IS NOT NULL AND c.device_key = device AND c.created_at > at - burst AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE network IS NOT NULL AND c.network_key = network AND c.created_at > at - burst AND c.created_at <= at)
    WHERE caseline.principal_kind() IN ('staff', 'system')
       OR (caseline.principal_kind() = 'customer' AND customer = caseline.principal_subject())
  $$;
