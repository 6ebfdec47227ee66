import { parseArgs } from 'node:util';
import type { RenderOptions } from '@afs/contracts';

export interface RenderCliArgs {
  scriptPath: string;
  outDir: string;
  title?: string;
  jobId?: string;
  storageDir?: string;
  fresh: boolean;
  options: Partial<Record<keyof RenderOptions, unknown>>;
}

export const RENDER_CLI_USAGE = `usage: npm run render -- <script file> [--out out/] [--title "..."]
  --style cinematic|documentary|anime|noir|watercolor|minimal   --aspectRatio 16:9|9:16|1:1
  --resolution 480p|720p|1080p   --fps 24|25|30   --voice NAME   --speakingRate 0.5..2
  --language en|ja|ar|...   --music on|off   --musicLevel 0..1   --subtitles burned|soft|none
  --targetDuration SECONDS   --jobId ID (same id resumes)   --storageDir DIR   --fresh
Flags may also be written in kebab-case (--aspect-ratio, --speaking-rate, ...).`;

const OPTION_FLAGS = ['style', 'aspectRatio', 'resolution', 'fps', 'voice', 'speakingRate', 'language', 'music', 'musicLevel', 'subtitles', 'targetDuration'] as const;
const NUMERIC = new Set(['fps', 'speakingRate', 'musicLevel', 'targetDuration']);

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function parseNumber(value: string): number | string {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}

function parseSwitch(value: string): boolean | string {
  if (/^(on|true|yes|1)$/i.test(value)) return true;
  if (/^(off|false|no|0)$/i.test(value)) return false;
  return value;
}

/** Flags in the contract's spelling; values are passed on raw so validation reports them as typed. */
export function parseRenderArgs(argv: string[]): RenderCliArgs {
  const normalised = argv.map((arg) => (arg.startsWith('--') ? `--${camel(arg.slice(2).split('=')[0])}${arg.includes('=') ? arg.slice(arg.indexOf('=')) : ''}` : arg));
  const { values, positionals } = parseArgs({
    args: normalised,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      title: { type: 'string' },
      jobId: { type: 'string' },
      storageDir: { type: 'string' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(OPTION_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help) throw new Error(RENDER_CLI_USAGE);
  if (positionals.length !== 1) throw new Error(`expected one script file\n${RENDER_CLI_USAGE}`);
  const options: RenderCliArgs['options'] = {};
  for (const flag of OPTION_FLAGS) {
    const raw = values[flag as keyof typeof values];
    if (typeof raw !== 'string') continue;
    options[flag] = NUMERIC.has(flag) ? parseNumber(raw) : flag === 'music' ? parseSwitch(raw) : raw;
  }
  return {
    scriptPath: positionals[0],
    outDir: (values.out as string | undefined) ?? 'out',
    title: values.title as string | undefined,
    jobId: values.jobId as string | undefined,
    storageDir: values.storageDir as string | undefined,
    fresh: Boolean(values.fresh),
    options,
  };
}
