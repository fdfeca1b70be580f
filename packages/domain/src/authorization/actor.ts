import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";

/** Who issued a command: a person (by GitHub user id) or the platform itself (scheduler, GitHub webhooks, runners). */
export type Actor = { readonly kind: "user"; readonly githubUserId: string } | { readonly kind: "system"; readonly name: string };

export function parseActor(actor: string): Either<DomainError, Actor> {
  const user = /^github:([1-9][0-9]{0,19})$/.exec(actor);
  if (user?.[1] !== undefined) return right({ kind: "user", githubUserId: user[1] });
  const system = /^system:([a-z0-9][a-z0-9-]{0,63})$/.exec(actor);
  if (system?.[1] !== undefined) return right({ kind: "system", name: system[1] });
  return left(DomainErrors.forbidden(actor, "an actor must be 'github:<user id>' or 'system:<name>'"));
}

export const userActor = (githubUserId: string): string => `github:${githubUserId}`;
export const systemActor = (name: string): string => `system:${name}`;
