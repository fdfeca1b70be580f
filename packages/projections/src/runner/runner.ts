import { setTimeout as sleep } from "node:timers/promises";
import type { RecordedEvent } from "@cloud-ledger/domain";
import { loadSlot, saveSlot, type LoadOutcome } from "./checkpoint-envelope.js";
import { CatchUpTimeoutError, ProjectionApplyError, ProjectionConfigError } from "./errors.js";
import { foldPage, freshSlot, type Slot } from "./fold.js";
import { forEachPage } from "./pages.js";
import { pollLoop } from "./polling.js";
import type { AnyProjection, Projection } from "./projection.js";
import type { CatchUpReport, ProjectionRunner, ProjectionRunnerOptions } from "./runner-types.js";
import { checkPageSize, checkUniqueNames, DEFAULT_PAGE_SIZE } from "./replay.js";

export type { ProjectionRunnerOptions, CatchUpReport, ProjectionStatus, WaitOptions, ProjectionRunner } from "./runner-types.js";

const DEFAULT_CHECKPOINT_GROWTH = 0.25;

interface RunnerSlot<E> extends Slot<E> {
  loaded: LoadOutcome;
  saved: number;
}

/** Opens a runner: loads each projection's checkpoint (rebuilding it on a version change). */
export async function createProjectionRunner<E>(options: ProjectionRunnerOptions<E>): Promise<ProjectionRunner<E>> {
  const { store, checkpoints, decoder } = options;
  checkUniqueNames(options.projections);
  const pageSize = checkPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const checkpointEvery = options.checkpointEvery ?? 10_000;
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1) {
    throw new ProjectionConfigError(`checkpointEvery must be a positive integer, got ${String(checkpointEvery)}`);
  }
  const checkpointGrowth = options.checkpointGrowth ?? DEFAULT_CHECKPOINT_GROWTH;
  if (!Number.isFinite(checkpointGrowth) || checkpointGrowth < 0) {
    throw new ProjectionConfigError(`checkpointGrowth must be a finite number >= 0, got ${String(checkpointGrowth)}`);
  }
  const slots: RunnerSlot<E>[] = [];
  for (const projection of options.projections) {
    const slot: RunnerSlot<E> = { ...freshSlot(projection), loaded: "fresh", saved: 0 };
    slot.loaded = await loadSlot(checkpoints, slot);
    slot.saved = slot.position;
    slots.push(slot);
  }
  const byName = new Map(slots.map((s) => [s.projection.name, s]));

  // Every operation that touches slots runs alone: polling, inline appends and explicit calls never interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };
  const lowest = (): number => slots.reduce((min, s) => Math.min(min, s.position), Number.POSITIVE_INFINITY);
  const position = (): number => (slots.length === 0 ? 0 : lowest());
  const unsaved = (slot: RunnerSlot<E>): number => slot.position - slot.saved;
  const saveInterval = (slot: RunnerSlot<E>): number => Math.max(checkpointEvery, Math.ceil(slot.saved * checkpointGrowth));

  async function save(slot: RunnerSlot<E>): Promise<void> {
    await saveSlot(checkpoints, slot);
    slot.saved = slot.position;
  }
  async function saveDue(all: boolean): Promise<void> {
    for (const slot of slots) {
      if (slot.position !== slot.saved && (all || unsaved(slot) >= saveInterval(slot))) await save(slot);
    }
  }

  /** Folds a page; on a throwing `apply` the half-applied state is replaced by the last checkpoint. */
  async function fold(page: readonly RecordedEvent[]): Promise<void> {
    try {
      foldPage(slots, page, decoder);
    } catch (error) {
      const failed = error instanceof ProjectionApplyError ? byName.get(error.projection) : undefined;
      if (failed !== undefined) {
        await loadSlot(checkpoints, failed);
        failed.saved = failed.position;
      }
      throw error;
    }
  }

  async function catchUpNow(flush: boolean): Promise<CatchUpReport> {
    if (slots.length === 0) return { events: 0, position: 0 };
    let events = 0;
    const head = await forEachPage(store, lowest(), pageSize, async (page) => {
      await fold(page);
      events += page.length;
      await saveDue(false);
      return true;
    });
    // Every event up to `head` has been read, so every projection reflects it — even when `head` is a gap.
    for (const slot of slots) if (slot.position < head) slot.position = head;
    if (flush) await saveDue(true);
    return { events, position: lowest() };
  }

  async function applyAppendedNow(events: readonly RecordedEvent[]): Promise<void> {
    const first = events[0];
    if (first === undefined) return;
    let contiguous = lowest() >= first.globalPosition - 1;
    for (let i = 1; contiguous && i < events.length; i++) {
      contiguous = (events[i] as RecordedEvent).globalPosition === (events[i - 1] as RecordedEvent).globalPosition + 1;
    }
    if (!contiguous) {
      await catchUpNow(false);
      return;
    }
    await fold(events);
    await saveDue(false);
  }

  /**
   * Replays the targets from position 0 into fresh states built aside, then swaps them in and saves them: until the
   * swap, queries keep seeing the previous states, and a failed rebuild leaves them (and their checkpoints) untouched.
   */
  async function rebuildNow(targets: readonly RunnerSlot<E>[]): Promise<CatchUpReport> {
    const aside = targets.map((t) => freshSlot(t.projection));
    let events = 0;
    const head = await forEachPage(store, 0, pageSize, (page) => {
      foldPage(aside, page, decoder);
      events += page.length;
      return true;
    });
    targets.forEach((slot, i) => {
      const built = aside[i] as Slot<E>;
      slot.state = built.state;
      slot.position = Math.max(built.position, head);
      slot.saved = -1; // forces the save below
    });
    for (const slot of targets) await save(slot);
    return { events, position: lowest() };
  }

  let poller: { controller: AbortController; done: Promise<void> } | undefined;

  return {
    catchUp: (opts) => exclusive(() => catchUpNow(opts?.flush ?? true)),
    applyAppended: (events) => exclusive(() => applyAppendedNow(events)),
    rebuild: (name) =>
      exclusive(async () => {
        const targets = name === undefined ? slots : [byName.get(name)];
        const fresh: RunnerSlot<E>[] = [];
        for (const slot of targets) {
          if (slot === undefined) throw new ProjectionConfigError(`No projection named '${String(name)}'`);
          fresh.push(slot);
        }
        return rebuildNow(fresh);
      }),
    flush: () => exclusive(() => saveDue(true)),
    stateOf<S>(projection: Projection<S, E>): S {
      const slot = byName.get(projection.name);
      if (slot === undefined || slot.projection !== (projection as AnyProjection<E>)) {
        throw new ProjectionConfigError(`Projection '${projection.name}' is not registered with this runner`);
      }
      return slot.state as S;
    },
    position,
    status: () =>
      slots.map((s) => ({
        name: s.projection.name,
        version: s.projection.version,
        position: s.position,
        loaded: s.loaded,
        unsavedEvents: unsaved(s),
      })),
    async waitUntilCaughtUp(target, waitOptions = {}) {
      if (target !== undefined && (!Number.isSafeInteger(target) || target < 0)) {
        throw new ProjectionConfigError(`A position must be a non-negative integer, got ${String(target)}`);
      }
      const goal = target ?? (await store.headPosition());
      const timeoutMs = waitOptions.timeoutMs ?? 10_000;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (position() >= goal) return position();
        await exclusive(() => catchUpNow(false));
        if (position() >= goal) return position();
        if (Date.now() >= deadline) throw new CatchUpTimeoutError(goal, position(), timeoutMs);
        await sleep(waitOptions.pollIntervalMs ?? 20, undefined, waitOptions.signal ? { signal: waitOptions.signal } : {});
      }
    },
    start(pollingOptions = {}) {
      if (poller !== undefined) throw new ProjectionConfigError("The runner is already polling");
      const controller = new AbortController();
      const tick = (): Promise<number> =>
        exclusive(async () => {
          const report = await catchUpNow(false);
          // Save when the log goes idle, so a quiet system always has a fresh checkpoint.
          if (report.events === 0) await saveDue(true);
          return report.events;
        });
      const done = pollLoop(tick, controller.signal, pollingOptions).finally(() => {
        if (poller?.controller === controller) poller = undefined;
      });
      poller = { controller, done };
    },
    async stop() {
      const current = poller;
      if (current !== undefined) {
        current.controller.abort();
        await current.done;
      }
      await exclusive(() => saveDue(true));
    },
    get polling() {
      return poller !== undefined;
    },
  };
}
