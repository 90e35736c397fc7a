import { Table } from '@trussworks/react-uswds';
import type { RecordTypeJson } from '../api/catalog.ts';
import { FieldList } from './FieldList.tsx';

/** Each record type of a notice with its retention rule, retrieval keys and fields. */
export function RecordTypesTable({
  recordTypes,
  designation,
}: {
  readonly recordTypes: readonly RecordTypeJson[];
  readonly designation: string;
}) {
  return (
    <Table
      caption={`Record types of ${designation} and their retention`}
      fullWidth
      stackedStyle="headers"
      className="caseline-record-types"
    >
      <thead>
        <tr>
          <th scope="col">Record type</th>
          <th scope="col">Retention</th>
          <th scope="col">Retrieval keys</th>
          <th scope="col">Fields</th>
        </tr>
      </thead>
      <tbody>
        {recordTypes.map((type) => (
          <tr key={type.id}>
            <th scope="row" data-label="Record type">
              {type.name}
              <div className="text-base-dark font-body-3xs text-normal caseline-mono">{type.id}</div>
            </th>
            <td data-label="Retention">
              <strong>{type.retentionDescription}</strong>
              <div className="font-body-2xs margin-top-05">{type.retentionStatement}</div>
            </td>
            <td data-label="Retrieval keys">
              {type.retrievalKeys.length
                ? type.retrievalKeys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ', '}
                      <code>{key}</code>
                    </span>
                  ))
                : 'None'}
            </td>
            <td data-label="Fields">
              <FieldList fields={type.fields} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
