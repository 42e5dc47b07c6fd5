import { exitQuietlyOnBrokenPipe, processIo } from './io';
import { runCli } from './run';

// The CLI's entry point (bundled to dist/cli.mjs, started by bin/resetdesk.mjs).
// Tests call runCli directly or spawn the built binary.
exitQuietlyOnBrokenPipe();
process.exitCode = await runCli(process.argv.slice(2), processIo());
