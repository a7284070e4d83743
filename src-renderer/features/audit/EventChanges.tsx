import type { AuditEvent } from '../../../src-shared/domain';
import { REDACTED, fieldChanges } from '../../../src-shared/domain/auditText';

/** One event field by field: "City  Berlin → Hamburg". Creations show the values set. */
export function EventChanges({ event }: Readonly<{ event: AuditEvent }>) {
  // An erased change reads "[erased] → [erased]": it still happened, only its values are gone.
  const changes = fieldChanges(event).filter((change) => change.before !== change.after || change.after === REDACTED);
  if (changes.length === 0 || event.action === 'delete') return null;
  return (
    <table className="field-changes">
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{change.label}</th>
            <td>
              {event.before ? (
                <>
                  <del>{change.before}</del> →{' '}
                </>
              ) : null}
              <ins>{change.after}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
