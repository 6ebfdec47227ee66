import { validateRenderOptions, type RenderOptions } from '@afs/contracts';
import { ProjectErrors } from '../errors';

/** Merges given options over a base (defaults, or the project's current ones) and checks the result. */
export function resolveRenderOptions(base: Partial<RenderOptions> | undefined, given: object | undefined): RenderOptions {
  const defined = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
  const result = validateRenderOptions({ ...(base ?? {}), ...defined });
  if (result.ok) return result.value;
  const errors = result.errors.map((e) => ({ field: `options.${e.field}`, messages: [e.message] }));
  throw ProjectErrors.invalidRenderOptions(errors.map((e) => `${e.field}: ${e.messages[0]}`).join('. '), errors);
}
