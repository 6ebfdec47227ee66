import type { RenderStep } from '@afs/contracts';
import { RenderAbortedError } from '../abort';
import { stepNeeds, stepsToRun } from './render-steps';
import { runStepGraph, type StepGraph } from './run-step-graph';

const steps = stepsToRun();
const graph = (run: StepGraph['run'], done: RenderStep[] = [], concurrency = 7): StepGraph => ({ steps, concurrency, needs: stepNeeds, done: new Set(done), run });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A run that records which steps were running when each one started, and ends each after `ticks` ticks. */
function recorder(ticks: Partial<Record<RenderStep, number>> = {}, fail?: RenderStep) {
  const running = new Set<RenderStep>();
  const startedBeside: Partial<Record<RenderStep, RenderStep[]>> = {};
  const order: string[] = [];
  const run = async (step: RenderStep, signal: AbortSignal) => {
    startedBeside[step] = [...running];
    running.add(step);
    order.push(`start ${step}`);
    try {
      for (let i = 0; i < (ticks[step] ?? 1); i += 1) {
        await tick();
        if (signal.aborted) throw new RenderAbortedError(signal.reason);
        if (step === fail) throw new Error(`${step} broke`);
      }
      order.push(`end ${step}`);
    } finally {
      running.delete(step);
    }
  };
  return { run, startedBeside, order };
}

describe('runStepGraph', () => {
  it('starts each step once the steps it needs have finished, and independent steps side by side', async () => {
    const { run, startedBeside, order } = recorder({ compose: 6, images: 3 });
    await runStepGraph(graph(run));
    for (const step of steps) {
      for (const need of stepNeeds(step)) expect(order.indexOf(`end ${need}`)).toBeLessThan(order.indexOf(`start ${step}`));
    }
    expect(startedBeside.voice).toEqual(['images']);
    expect(order.indexOf('end thumbnail')).toBeLessThan(order.indexOf('end compose'));
    expect(order.filter((o) => o.startsWith('end'))).toHaveLength(steps.length);
  });

  it('keeps to the slots it has, giving a free slot to the earliest ready step', async () => {
    const { run, startedBeside, order } = recorder({ compose: 6, images: 3, music: 3 });
    await runStepGraph(graph(run, [], 2));
    expect(Object.values(startedBeside).every((beside) => beside.length <= 1)).toBe(true);
    expect(startedBeside.voice).toEqual(['images']);
    expect(order.indexOf('start subtitles')).toBeLessThan(order.indexOf('start music'));
    expect(order.indexOf('start thumbnail')).toBeLessThan(order.indexOf('end compose'));
  });

  it('leaves a render whose steps all finished alone when the abort comes after', async () => {
    const controller = new AbortController();
    const { run } = recorder();
    await runStepGraph(
      graph(async (step, signal) => {
        await run(step, signal);
        controller.abort();
      }, ['analyse', 'images', 'voice', 'subtitles', 'music', 'compose']),
      controller.signal,
    );
  });

  it('runs only what earlier runs did not finish', async () => {
    const { run, order } = recorder();
    await runStepGraph(graph(run, ['analyse', 'images', 'voice']));
    expect(order.filter((o) => o.startsWith('start')).sort()).toEqual(['start compose', 'start music', 'start subtitles', 'start thumbnail']);
  });

  it('rejects with the first failure after stopping the steps beside it, and starts nothing more', async () => {
    const { run, order } = recorder({ images: 8 }, 'voice');
    await expect(runStepGraph(graph(run))).rejects.toThrow('voice broke');
    expect(order).not.toContain('end images');
    expect(order.some((o) => o.includes('compose') || o.includes('music'))).toBe(false);
  });

  it('rejects with RenderAbortedError when aborted from outside, once the running steps have stopped', async () => {
    const controller = new AbortController();
    const { run, order } = recorder({ images: 50, voice: 50 });
    const done = runStepGraph(graph(run), controller.signal);
    await tick();
    await tick();
    controller.abort();
    await expect(done).rejects.toBeInstanceOf(RenderAbortedError);
    expect(order.filter((o) => o.startsWith('end'))).toEqual(['end analyse']);
  });
});
