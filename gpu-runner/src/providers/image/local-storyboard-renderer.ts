import { fontFilesFor } from './fonts';
import type { ImageProvider, ImageRequest } from './image-provider';
import { ResvgPool } from './resvg-pool';
import { buildStoryboardSvg } from './storyboard-svg';

/** Styled storyboard stills drawn as SVG and rasterised by resvg in child processes. */
export class LocalStoryboardRenderer implements ImageProvider {
  readonly name = 'local';
  private readonly pool: ResvgPool;

  constructor(concurrency = 2) {
    this.pool = new ResvgPool(concurrency);
  }

  render(request: ImageRequest): Promise<Buffer> {
    const svg = buildStoryboardSvg(request);
    return this.pool.render(svg, fontFilesFor(`${request.heading} ${request.visual}`), request.signal);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
