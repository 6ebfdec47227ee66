import type { RenderProgress, RenderStep } from '@afs/contracts';

/**
 * Progress of steps that may run side by side, told as one story in pipeline order: the step
 * reported is always the first one not finished (whose inputs are all there, so it is running), each
 * step is announced once finished even when it ended while an earlier one still ran, and `overall`
 * counts the work of every step, running or done, by its weight.
 */
export class ProgressBoard {
  private readonly percent = new Map<RenderStep, number>();
  private readonly finished = new Set<RenderStep>();
  private lead = 0;
  private readonly totalWeight: number;

  constructor(
    private readonly steps: readonly RenderStep[],
    private readonly weights: Record<RenderStep, number>,
    private readonly onProgress?: (progress: RenderProgress) => void,
  ) {
    this.totalWeight = steps.reduce((sum, step) => sum + weights[step], 0) || 1;
  }

  update(step: RenderStep, percent: number): void {
    this.percent.set(step, Math.max(0, Math.min(100, percent)));
    this.emit();
  }

  finish(step: RenderStep): void {
    this.finished.add(step);
    this.percent.set(step, 100);
    this.emit();
  }

  private overall(): number {
    const done = this.steps.reduce((sum, step) => sum + (this.weights[step] * (this.percent.get(step) ?? 0)) / 100, 0);
    return Math.round((done / this.totalWeight) * 100);
  }

  private emit(): void {
    if (!this.onProgress) return;
    while (this.lead < this.steps.length && this.finished.has(this.steps[this.lead])) {
      this.onProgress({ step: this.steps[this.lead], percent: 100, overall: this.overall() });
      this.lead += 1;
    }
    if (this.lead < this.steps.length) {
      const step = this.steps[this.lead];
      this.onProgress({ step, percent: Math.round(this.percent.get(step) ?? 0), overall: this.overall() });
    }
  }
}
