import type OpenAI from 'openai';
import { callProvider } from '../provider-error';
import type { ImageProvider, ImageRequest } from './image-provider';

const STYLE_PROMPTS = {
  cinematic: 'cinematic film still, dramatic lighting, anamorphic, teal and orange grade',
  documentary: 'documentary photograph, natural light, realistic',
  anime: 'anime key visual, cel shading, vivid colours',
  noir: 'film noir, black and white, hard shadows, venetian blinds',
  watercolor: 'watercolour painting on textured paper, soft edges',
  minimal: 'minimalist flat illustration, few colours, lots of negative space',
} as const;

function sizeFor(model: string, width: number, height: number): '1024x1024' | '1536x1024' | '1024x1536' | '1792x1024' | '1024x1792' {
  const dalle = model.startsWith('dall-e');
  if (width > height * 1.1) return dalle ? '1792x1024' : '1536x1024';
  if (height > width * 1.1) return dalle ? '1024x1792' : '1024x1536';
  return '1024x1024';
}

/** OpenAI Images (or a compatible server); the images step fits the answer to the frame. */
export class OpenAIImageProvider implements ImageProvider {
  readonly name = 'openai';

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly timeoutMs: number,
  ) {}

  render(request: ImageRequest): Promise<Buffer> {
    return callProvider('images', this.name, request.signal, async () => {
      const prompt = `${request.visual}\nStyle: ${STYLE_PROMPTS[request.style]}. Mood: ${request.mood}. No text or lettering in the image.`;
      const response = await this.client.images.generate(
        {
          model: this.model,
          prompt: prompt.slice(0, 3900),
          n: 1,
          size: sizeFor(this.model, request.width, request.height),
          // gpt-image models always answer base64 and reject the parameter; DALL·E needs it asked for.
          ...(this.model.startsWith('dall-e') ? { response_format: 'b64_json' as const } : {}),
        },
        { signal: request.signal },
      );
      const image = response.data?.[0];
      if (image?.b64_json) {
        const bytes = Buffer.from(image.b64_json, 'base64');
        if (bytes.length < 64) throw new Error('answer holds no usable image data');
        return bytes;
      }
      if (image?.url) {
        const signals = [AbortSignal.timeout(this.timeoutMs), ...(request.signal ? [request.signal] : [])];
        const download = await fetch(image.url, { signal: AbortSignal.any(signals) });
        if (!download.ok) throw new Error(`image download answered HTTP ${download.status}`);
        return Buffer.from(await download.arrayBuffer());
      }
      throw new Error('answer has neither b64_json nor url');
    }, this.timeoutMs);
  }

  async close(): Promise<void> {}
}
