import { organizationOf, type DomainProjection } from "../shared/domain-projection.js";
import { jsonArray, jsonEntries, jsonObject } from "../shared/json-shape.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";

/**
 * One organization's trail, column by column: the trail holds an entry per event, so it is kept as parallel arrays
 * of small integers (strings interned once) rather than an object per entry — a few dozen bytes an event.
 */
export interface OrganizationTrail {
  readonly positions: number[];
  readonly times: string[];
  /** Interned actor keys (`github:<id>`, `system:<name>`). */
  readonly actors: number[];
  /** Interned event types. */
  readonly actions: number[];
  /** Interned stream names: the entity acted on. */
  readonly entities: number[];
  /** Interned project key the event concerns, or -1. */
  readonly projects: number[];
}

export interface AuditTrailState {
  readonly strings: string[];
  readonly ids: Map<string, number>;
  /** By interned stream name: the interned project key its last event named. A cache, not serialized. */
  readonly streamProjects: number[];
  /** Billing account number -> trail. User events (sign-up, login change) belong to no organization's trail. */
  readonly trails: Map<string, OrganizationTrail>;
  /** The previous event's strings and what they resolved to. A cache, not serialized. */
  readonly last: LastSeen;
}

/**
 * Consecutive events mostly share their stream, organization and actor (a command appends its events together; an
 * execution's lifecycle is one stream). Comparing with the previous event's strings is cheaper than hashing the
 * fresh strings every row of the store brings.
 */
interface LastSeen {
  organization: string;
  trail: OrganizationTrail | undefined;
  stream: string;
  entity: number;
  actor: string;
  actorId: number;
  /** The time string the trail last kept: an equal time (one command's events) keeps that one, not another copy. */
  time: string;
}

const lastSeen = (): LastSeen => ({ organization: "", trail: undefined, stream: "", entity: -1, actor: "", actorId: -1, time: "" });

function intern(state: AuditTrailState, text: string): number {
  let id = state.ids.get(text);
  if (id === undefined) {
    id = state.strings.length;
    state.strings.push(text);
    state.ids.set(text, id);
  }
  return id;
}

const emptyTrail = (): OrganizationTrail => ({ positions: [], times: [], actors: [], actions: [], entities: [], projects: [] });

/** Who did what to which entity and when, per organization. */
export const auditTrail: DomainProjection<AuditTrailState> = {
  name: "audit-trail",
  version: 1,
  initialState: () => ({ strings: [], ids: new Map(), streamProjects: [], trails: new Map(), last: lastSeen() }),
  apply(state, event, recorded) {
    const organization = organizationOf(event);
    if (organization === undefined) return state;
    const last = state.last;
    let trail = last.trail;
    if (trail === undefined || last.organization !== organization) {
      trail = state.trails.get(organization);
      if (trail === undefined) {
        trail = emptyTrail();
        state.trails.set(organization, trail);
      }
      last.organization = organization;
      last.trail = trail;
    }
    const stream = recorded.streamName;
    if (last.entity < 0 || last.stream !== stream) {
      last.entity = intern(state, stream);
      last.stream = stream;
    }
    const entity = last.entity;
    const actor = recorded.metadata.actor;
    if (last.actorId < 0 || last.actor !== actor) {
      last.actorId = intern(state, actor);
      last.actor = actor;
    }
    const projectKey = (event.data as { readonly projectKey?: string }).projectKey;
    let project = -1;
    if (projectKey !== undefined) {
      // Nearly every event of a stream names the same project: compare with the stream's last one before hashing.
      const known = state.streamProjects[entity];
      project = known !== undefined && state.strings[known] === projectKey ? known : intern(state, projectKey);
      state.streamProjects[entity] = project;
    }
    trail.positions.push(recorded.globalPosition);
    const time = recorded.metadata.occurredAt;
    if (last.time !== time) last.time = time;
    trail.times.push(last.time);
    trail.actors.push(last.actorId);
    // The decoded type: a decoder may hand out the definition's own (already hashed) string for it.
    trail.actions.push(intern(state, event.type));
    trail.entities.push(entity);
    trail.projects.push(project);
    return state;
  },
  toJson: (state) =>
    ({
      strings: [...state.strings],
      trails: entriesToJson(state.trails, (t) => ({
        positions: [...t.positions],
        times: [...t.times],
        actors: [...t.actors],
        actions: [...t.actions],
        entities: [...t.entities],
        projects: [...t.projects],
      })),
    }),
  fromJson(json) {
    const o = jsonObject(json, "audit-trail");
    const strings = [...(jsonArray(o["strings"], "audit-trail strings") as string[])];
    const trails = entriesFromJson(jsonEntries<OrganizationTrail>(o["trails"], "audit-trail trails"), (t) => {
      const copy: OrganizationTrail = {
        positions: [...t.positions],
        times: [...t.times],
        actors: [...t.actors],
        actions: [...t.actions],
        entities: [...t.entities],
        projects: [...t.projects],
      };
      const n = copy.positions.length;
      if ([copy.times, copy.actors, copy.actions, copy.entities, copy.projects].some((c) => c.length !== n)) {
        throw new TypeError("audit-trail: columns of different lengths");
      }
      return copy;
    });
    return { strings, ids: new Map(strings.map((s, i) => [s, i])), streamProjects: [], trails, last: lastSeen() };
  },
};
