import { spawn } from 'node:child_process';
import { abortError } from '../abort';

/** Runs a short-lived tool, killing it on abort; rejects with its stderr tail on a non-zero exit. */
export function runProcess(command: string, args: string[], options: { signal?: AbortSignal; input?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError(options.signal));
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`${command} could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(abortError(options.signal));
      if (code === 0) return resolve(Buffer.concat(stdout));
      reject(new Error(`${command} exited with ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
