import { nearestVariantIssues, schemaIn, serverEvents, type Profile, type SocketEvent } from '../../spec/index.js';

interface Variant {
  id: string;
  schema: NonNullable<ReturnType<typeof schemaIn>>;
}

/** Issues reported per payload: a hostile array of 20,000 wrong items is one violation of a readable size. */
const MAX_ISSUES = 10;

/** Why an outgoing payload fits none of the spec entries of its event in the profile, or [] when it fits one. */
export type OutgoingCheck = (event: string, payload: unknown) => string[];

function variantsByEvent(profile: Profile): Map<string, Variant[]> {
  const byEvent = new Map<string, Variant[]>();
  for (const entry of serverEvents as readonly SocketEvent[]) {
    const schema = schemaIn(entry, profile);
    if (schema) byEvent.set(entry.event, [...(byEvent.get(entry.event) ?? []), { id: entry.id, schema }]);
  }
  return byEvent;
}

/**
 * The check of every server → client payload against the profile's spec. An event may have several variants
 * (`messageBroadcast` in 1.7): the payload must fit one; if it fits none, the issues of the nearest are reported,
 * each with its field path and prefixed by that variant's spec id.
 */
export function outgoingCheck(profile: Profile): OutgoingCheck {
  const byEvent = variantsByEvent(profile);
  return (event, payload) => {
    const variants = byEvent.get(event);
    if (!variants) return [`'${event}' is not a server event of profile ${profile}`];
    let nearest: { id: string; issues: string[] } | undefined;
    for (const variant of variants) {
      const { issues } = nearestVariantIssues(variant.schema, payload);
      if (issues.length === 0) return [];
      if (!nearest || issues.length < nearest.issues.length) nearest = { id: variant.id, issues };
    }
    if (!nearest) return [];
    const shown = nearest.issues.slice(0, MAX_ISSUES).map((issue) => `${nearest.id}: ${issue}`);
    const more = nearest.issues.length - shown.length;
    return more > 0 ? [...shown, `… and ${more} more`] : shown;
  };
}
