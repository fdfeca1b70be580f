import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";

export const MAX_ORGANIZATION_NAME_LENGTH = 20;

/** Meltano Cloud's organization id rule: at most 20 characters, only lowercase letters, digits and dashes. */
export function checkOrganizationName(name: string): Either<DomainError, string> {
  if (name.length === 0) return left(DomainErrors.organizationNameInvalid(name, "it must not be empty"));
  if (name.length > MAX_ORGANIZATION_NAME_LENGTH) {
    return left(DomainErrors.organizationNameInvalid(name, `it must be at most ${MAX_ORGANIZATION_NAME_LENGTH} characters`));
  }
  if (!/^[a-z0-9-]+$/.test(name)) {
    return left(DomainErrors.organizationNameInvalid(name, "only lowercase letters, digits and dashes are allowed"));
  }
  return right(name);
}
