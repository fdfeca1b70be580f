import type { CommandEnvelope } from "./command-handler.types.js";

/**
 * `envelope` for another command (and command id), with its actor, correlation and causation. A plain literal rather
 * than a spread: every command builds one or two of these, and without correlation or causation (the usual case) the
 * object has exactly three keys. An absent id stays absent (never a key holding undefined).
 */
export function envelopeFor<C>(envelope: CommandEnvelope<unknown>, command: C, commandId: string): CommandEnvelope<C> {
  const { actor, correlationId, causationId } = envelope;
  if (correlationId === undefined) {
    return causationId === undefined ? { command, commandId, actor } : { command, commandId, actor, causationId };
  }
  return causationId === undefined
    ? { command, commandId, actor, correlationId }
    : { command, commandId, actor, correlationId, causationId };
}
