import type { RenderStep } from '@afs/contracts';
import { throwIfAborted } from '../abort';

export interface StepGraph {
  /** The steps to run in pipeline order, which is also their priority when several are ready. */
  steps: readonly RenderStep[];
  /** Steps running at once, at most. */
  concurrency: number;
  needs(step: RenderStep): readonly RenderStep[];
  /** Finished by an earlier run: their dependants may start at once. */
  done: ReadonlySet<RenderStep>;
  run(step: RenderStep, signal: AbortSignal): Promise<void>;
}

/**
 * Starts every step as soon as the steps it needs have finished, so independent steps overlap (the
 * thumbnail is drawn while compose encodes). The first failure aborts the steps still running and,
 * once they have stopped, is what this rejects with; an abort from outside stops them all likewise.
 */
export async function runStepGraph(graph: StepGraph, outer?: AbortSignal): Promise<void> {
  throwIfAborted(outer);
  const controller = new AbortController();
  const stop = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', stop, { once: true });
  const finished = new Set(graph.done);
  const started = new Set<RenderStep>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      if (!failure && !controller.signal.aborted) {
        for (const step of graph.steps) {
          if (running.size >= graph.concurrency) break;
          if (finished.has(step) || started.has(step) || !graph.needs(step).every((need) => finished.has(need) || !graph.steps.includes(need))) continue;
          started.add(step);
          const run: Promise<void> = graph
            .run(step, controller.signal)
            .then(() => void finished.add(step))
            .catch((error: unknown) => {
              // A step stopped because another failed, or by the outer abort, is not the story.
              if (failure || controller.signal.aborted) return;
              failure = { error };
              controller.abort(error);
            })
            .finally(() => running.delete(run));
          running.add(run);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
  } finally {
    outer?.removeEventListener('abort', stop);
  }
  // An abort that came after the last step finished leaves a finished render.
  if (graph.steps.some((step) => !finished.has(step))) throwIfAborted(outer);
  if (failure) throw failure.error;
}
