import { Secret } from '../domain/secret';
import { DomainError } from '../domain/errors';

/**
 * Reading secrets for the CLI. Passwords come from stdin or a hidden prompt,
 * never from argv (visible in `ps` and shell history).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin as lines (line terminators removed, nothing else trimmed: spaces are valid password characters). */
  readStdinLines(): Promise<string[]>;
  /** A hidden prompt on the terminal; null when stdin is not a terminal. */
  promptSecret(question: string): Promise<string | null>;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal: progress that rewrites its line goes there only then. */
  stderrIsTerminal?: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stderrIsTerminal: process.stderr.isTTY === true,
    async readStdinLines() {
      if (process.stdin.isTTY) return [];
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const lines = text.split(/\r?\n/);
      if (lines.at(-1) === '') lines.pop();
      return lines;
    },
    promptSecret: (question) => promptHidden(question),
  };
}

/** What a process killed by SIGPIPE reports to its shell (128 + 13). */
export const BROKEN_PIPE_EXIT_CODE = 141;

/**
 * A reader that stops early (`resetdesk users search --json | head -c 10`)
 * closes the pipe; the next write fails with EPIPE. Unix tools die of SIGPIPE
 * there, silently; Node would print a stack trace. Exit as they do.
 */
export function exitQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(BROKEN_PIPE_EXIT_CODE);
      throw error;
    });
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    let value = '';
    const done = (result: string | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      resolve(result);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(value);
        if (char === '\u0003' || char === '\u0004') return done(null); // Ctrl+C, Ctrl+D
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}

/** One password line from stdin, or INVALID_INPUT saying what was expected. */
export function secretLine(lines: string[], index: number, what: string): Secret {
  const line = lines[index];
  if (line === undefined || line === '') {
    throw new DomainError('INVALID_INPUT', `Expected ${what} on line ${index + 1} of standard input.`);
  }
  return new Secret(line);
}
