import { Command } from 'commander';
import { ConfigError, configMarkdown } from '@lib/config';
import { AppError } from '@lib/kernel';
import { serve } from './serve';

/** The one entrypoint: `threatloom [--app=core,worker,connector-host|all]`, `import`, `config`. */
export async function runPlatform(argv: readonly string[]): Promise<void> {
  const program = new Command('threatloom')
    .description('Threatloom, an open threat intelligence platform')
    .option('--app <roles>', 'roles to run: core, worker, connector-host, a comma list, or all')
    .action(async (options: { app?: string }) => serve(options.app));
  program
    .command('import')
    .description(
      'import STIX bundles (.json, .json.gz, or directories of them) through the ingestion pipeline',
    )
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print the report as JSON')
    .option('--progress', 'force the progress bar even when stderr is not a terminal')
    .action(async (paths: string[], options: { json?: boolean; progress?: boolean }) => {
      // The import's own modules (the progress bar) are loaded by this command only.
      const { runImport } = await import('./cli/import.command.js');
      process.exitCode = await runImport(paths, options);
    });
  program
    .command('config')
    .description('print the configuration variables')
    .option('--markdown', 'as the README table')
    .action(() => {
      process.stdout.write(`${configMarkdown()}\n`);
    });
  try {
    await program.parseAsync(['node', 'threatloom', ...argv]);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`threatloom: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    // Expected failures (bad path, bad file…) carry a message for the user; others a stack for us.
    const text =
      error instanceof AppError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`threatloom: ${text}\n`);
    // A failed boot may leave client connections (Redis, AMQP) holding the event loop open:
    // the process ends here rather than lingering without serving.
    process.exit(1);
  }
}
