import { useState } from 'react';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { locationLabels, redeliveryOptionLabels, statusLabels } from '../api/delivery-services.ts';
import { problemMessage } from '../api/problem.ts';
import { LoadedList } from '../frame/LoadedList.tsx';
import { addressText, formatDay } from '../tracking/coaParts.tsx';
import type { Loaded } from '../util/useLoad.ts';
import { deliveryServicesApi, type PortalDeliveryRequest } from './deliveryServicesApi.ts';

/** The customer's redeliveries or pickups, newest first, each still requested with its Cancel button. */
export function DeliveryRequestList({ requests, what }: { readonly requests: Loaded<PortalDeliveryRequest[]>; readonly what: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const cancel = async (id: string) => {
    setFailure(null);
    try {
      await deliveryServicesApi.cancel(id);
      requests.reload();
    } catch (error) {
      setFailure(problemMessage(error));
    }
  };
  return (
    <LoadedList list={requests} what={`your ${what}`} empty={<p data-testid="no-delivery-requests">You have no {what} yet.</p>}>
      {(rows) => (
        <>
          {failure && (
            <Alert type="error" slim>
              <p className="usa-alert__text">{failure}</p>
            </Alert>
          )}
          <Table caption={`Your ${what}, newest first`} fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Details</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="usa-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody data-testid="delivery-request-rows">
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Day">
                    {formatDay(r.date)}
                  </th>
                  <td data-label="Details">
                    {r.kind === 'pickup'
                      ? `Confirmation ${r.pickupNumber}: ${r.packageCount} package(s), about ${r.totalWeightLb} lb`
                      : r.option && redeliveryOptionLabels[r.option]}
                    <span className="display-block">{r.option === 'post_office' ? 'At your Post Office' : addressText(r.address)}</span>
                    {r.location && <span className="display-block">{locationLabels[r.location]}</span>}
                  </td>
                  <td data-label="Status">{statusLabels[r.status]}</td>
                  <td data-label="Actions">
                    {r.status === 'requested' && (
                      <Button type="button" unstyled onClick={() => void cancel(r.id)}>
                        Cancel
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </LoadedList>
  );
}
