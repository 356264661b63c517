// `gopherlab`: the same core as the app, headless.
import { APP_VERSION } from '../core/core';
import { RUN_USAGE, runCommand } from './run-command';
import { sdkCommand } from './sdk-command';
import { bisectCommand, matrixCommand } from './drift-command';
import { PREPARE_COMMAND, prepareCommand } from './prepare';
import { traceCommand } from './trace-command';
import { UsageError } from './usage';

const USAGE = `gopherlab ${APP_VERSION}: sandboxed Go experiments

usage: gopherlab <command> [arguments]

commands:
  run FILE|-    run a Go file (or a txtar of several) in the sandbox
  trace FILE|-  run it with a Go execution trace; write Chrome trace-event JSON
  sdk           list, install, remove, import and export Go SDKs
  matrix FILE   run a snippet on several Go releases and group identical results
  bisect FILE   find the first Go release whose behaviour matches an expectation

Run "gopherlab <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'trace':
      return traceCommand(rest);
    case 'sdk':
      return sdkCommand(rest);
    case 'matrix':
      return matrixCommand(rest);
    case 'bisect':
      return bisectCommand(rest);
    case PREPARE_COMMAND:
      return prepareCommand(rest);
    case 'version':
    case '--version':
      console.log(`gopherlab ${APP_VERSION}`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`, USAGE);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`gopherlab: ${err.message}`);
      if (err.usage) console.error(`\n${err.usage}`);
      process.exitCode = 2;
    } else if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`gopherlab: ${err.message}\n\n${RUN_USAGE}`);
      process.exitCode = 2;
    } else if (err instanceof Error && err.name === 'InstallError') {
      console.error(`gopherlab: ${err.message}`);
      process.exitCode = 1;
    } else {
      console.error(`gopherlab: internal error: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 70;
    }
  },
);
