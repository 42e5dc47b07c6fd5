/** runCli itself with its output captured (no process, no stdin, no prompt): for the CLI's unit tests. */
import type { CliIo } from '../../main/cli/io';
import { runCli } from '../../main/cli/run';

export async function runInMemory(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdinLines: async () => [],
    promptSecret: async () => null,
    env: {},
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}
