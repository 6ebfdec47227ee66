import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFile } from '@swc/core';

const ROOT = resolve(__dirname, '../../..');
const SOURCES = ['gpu-runner/src', 'libs/contracts/src', 'libs/storage/src'];

async function tsFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await tsFiles(path)));
    else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      !entry.name.endsWith('.d.ts')
    )
      files.push(path);
  }
  return files;
}

/**
 * Transpiles the runner and the libs it uses into outDir, laid out like `npm run build`'s dist/
 * (outDir/gpu-runner/src/main.js), with the @afs/* paths of tsconfig.json rewritten. Spec files that
 * spawn real runner processes use it: a full `tsc` build of the whole workspace takes over a minute,
 * this about a second. Type checking stays with `tsc --noEmit`. Run the output with
 * NODE_PATH=<repo>/node_modules, since outDir is outside the repository.
 */
export async function buildRunner(outDir: string): Promise<string> {
  const { compilerOptions } = JSON.parse(await readFile(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const files = (await Promise.all(SOURCES.map((dir) => tsFiles(join(ROOT, dir))))).flat();
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(file, {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
          target: 'es2022',
          baseUrl: ROOT,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      });
      const out = join(outDir, relative(ROOT, file).replace(/\.ts$/, '.js'));
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, code);
    }),
  );
  return join(outDir, 'gpu-runner/src/main.js');
}

export const REPO_NODE_MODULES = join(ROOT, 'node_modules');
