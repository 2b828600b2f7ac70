import type { Incident, IncidentPart } from '../db/schema';
import { INCIDENT_PARTS } from '../db/schema';
import { AppError } from '../http/errors';

/**
 * The pure rules of a service incident (docs/design.md, Service status): when one counts as active, which
 * window a start may fall in, which parts a customer's sign-in goes through, and the two shapes an incident
 * leaves the server in (the console's and the public status page's).
 */

/** A start more than this far back or ahead is a typo (a year, a month), not an incident. */
export const MAX_START_DISTANCE_MS = 30 * 24 * 3_600_000;
/** The account hint looks at the failed sign-ins of the last day: "I couldn't get in this morning". */
export const HINT_WINDOW_MS = 24 * 3_600_000;
/** The parts a sign-in goes through (the password, the SMS or email code): a payments outage explains no failed sign-in. */
export const SIGN_IN_PARTS: readonly IncidentPart[] = ['sign_in', 'sms', 'email'];

/** Posted, started and not resolved: what the banner and the status page show. */
export function isActive(incident: Pick<Incident, 'startsAt' | 'resolvedAt'>, now: number): boolean {
  return incident.resolvedAt === null && incident.startsAt <= now;
}

/** The affected parts as stored (comma-separated, in INCIDENT_PARTS order, each once) and back. */
export function storeParts(parts: readonly IncidentPart[]): string {
  return INCIDENT_PARTS.filter((p) => parts.includes(p)).join(',');
}
export function readParts(stored: string): IncidentPart[] {
  const words = stored.split(',');
  return INCIDENT_PARTS.filter((p) => words.includes(p));
}

/** Refuses a window that cannot be right, naming the field: expected end before the start, a start far off. */
export function checkWindow(window: { startsAt: number; expectedEndAt?: number | null }, now: number) {
  if (Math.abs(window.startsAt - now) > MAX_START_DISTANCE_MS) {
    throw AppError.field('startsAt', 'must be within 30 days of now');
  }
  if (window.expectedEndAt != null && window.expectedEndAt <= window.startsAt) {
    throw AppError.field('expectedEndAt', 'must be after the start');
  }
}

/** The console's shape: the row with its parts as a list and whether it is active now. */
export function incidentView(incident: Incident, now: number) {
  return { ...incident, affected: readParts(incident.affected), active: isActive(incident, now) };
}
export type IncidentView = ReturnType<typeof incidentView>;

/**
 * The public status page's shape: what customers read and nothing else — no staff ids, no versions, no
 * internal times. GET /api/status answers a list of these.
 */
export function publicIncident(incident: Incident) {
  return {
    id: incident.id,
    title: { en: incident.titleEn, zh: incident.titleZh },
    text: { en: incident.customerTextEn, zh: incident.customerTextZh },
    affected: readParts(incident.affected),
    startsAt: incident.startsAt,
    expectedEndAt: incident.expectedEndAt,
  };
}
export type PublicIncident = ReturnType<typeof publicIncident>;
