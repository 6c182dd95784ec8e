/**
 * When an incident is over: the one rule the escalation check, the checklist, the KEDB, its
 * search and the report share.
 */

/** The incident states in which its work is over. */
export const CLOSED_INCIDENT_STATES: readonly string[] = ['resolved', 'closed', 'converted-to-service-request'];

/**
 * An incident whose work is over: its status is one of {@link CLOSED_INCIDENT_STATES}, or it has
 * no status but a written resolution (a ticket imported from an export with no status column, whose
 * answer the export holds: it was handled, and is not asked to be escalated).
 */
export function isClosedIncident(value: Record<string, unknown>): boolean {
  if (value.status !== undefined && value.status !== null && value.status !== '') return CLOSED_INCIDENT_STATES.includes(String(value.status));
  return hasText(value.resolution);
}

function hasText(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some(hasText);
  if (v && typeof v === 'object') return Object.values(v).some(hasText);
  return false;
}
