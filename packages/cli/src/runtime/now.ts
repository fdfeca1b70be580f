/** "Now" for upcoming runs, runs/day and lookbacks: $CLOUD_LEDGER_NOW pins it (scripts, tests), else the wall clock. */
export function currentInstant(): string {
  const pinned = process.env.CLOUD_LEDGER_NOW;
  if (pinned !== undefined && pinned !== "" && !Number.isNaN(Date.parse(pinned))) return new Date(Date.parse(pinned)).toISOString();
  return new Date().toISOString();
}
