import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { ServiceError, type Envelope } from '../src-shared/ipc/envelope';
import { openApp } from './app';
import { cliRestore } from './backupCommands';
import { fileError } from './db/connection';
import { cliDiff, cliExport, cliImport, cliReport, EXIT, type Output } from './snapshot/cliCommands';

export { EXIT };

/** The first words that make the packaged app run as a command line instead of a window. */
export const cliCommands: readonly string[] = [
  'sample',
  'export',
  'import',
  'diff',
  'report',
  'restore',
  '--help',
  '-h',
  '--version',
  '-V',
  'help',
];

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return parsed;
}

const stdio: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new CommanderError(EXIT.refused, envelope.error.code, envelope.error.message);
  return envelope.value;
}

/** Builds the command line; each action resolves to its exit status. */
function program(output: Output, setExit: (code: number) => void): Command {
  const cli = new Command('service-allocator')
    .description('Service Allocator without a window: sample data, snapshots and reports.')
    .version(packageJson.version)
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err });

  cli
    .command('sample')
    .description('Create a database filled with deterministic sample data (sizes of 0 make an empty database).')
    .requiredOption('--db <file>', 'the SQLite database file to create or fill')
    .option('--customers <n>', 'number of customers (up to 100000)', count, 200)
    .option('--services <n>', 'number of services (up to 2000)', count, 60)
    .option('--assignments <n>', 'number of assignments (up to 1000000)', count, 1500)
    .action(async (options: { db: string; customers: number; services: number; assignments: number }) => {
      const app = await openApp(options.db, {
        emit: (event, payload) => {
          if (event === 'progress' && 'done' in payload && payload.total > 0 && payload.label !== 'done')
            output.err(`\r${payload.label}: ${Math.round((payload.done / payload.total) * 100)}%   `);
        },
        appVersion: packageJson.version,
      });
      try {
        if (options.customers + options.services + options.assignments === 0) {
          output.out(`Empty database ready at ${options.db}\n`);
          setExit(EXIT.done);
          return;
        }
        const result = unwrap(
          await app.call('sample:load', {
            customers: options.customers,
            services: options.services,
            assignments: options.assignments,
          }),
        );
        output.err('\n');
        output.out(
          `Sample data in ${options.db}: ${result.customers} customers, ${result.customerUsers} customer users, ${result.services} services, ${result.assignments} assignments, ${result.defaultServices} default services\n`,
        );
        setExit(EXIT.done);
      } finally {
        await app.close();
      }
    });
  snapshotCommands(cli, output, setExit);
  return cli;
}

/** export, import, diff, report and restore (docs/ARCHITECTURE.md#command-line). */
function snapshotCommands(cli: Command, output: Output, setExit: (code: number) => void): void {
  const withApp = async (
    db: string,
    work: (app: Awaited<ReturnType<typeof openApp>>) => Promise<number>,
    readonly = false,
  ) => {
    const app = await openApp(db, { appVersion: packageJson.version, readonly });
    try {
      setExit(await work(app));
    } catch (error) {
      throw fileError(error, db);
    } finally {
      await app.close();
    }
  };
  cli
    .command('export')
    .description(
      'Write a snapshot of the database: the full state with tombstones and clocks (.sasnapz or .gz is gzip-compressed).',
    )
    .requiredOption('--db <file>', 'the SQLite database file')
    .requiredOption('--out <snapshot>', 'the snapshot file to write')
    .action((options: { db: string; out: string }) =>
      withApp(options.db, (app) => cliExport(app, options.out, output)),
    );
  cli
    .command('import')
    .description(
      'Merge a snapshot into the database; prints the plan first. Exit 0 imported, 1 nothing to do, 2 refused.',
    )
    .requiredOption('--db <file>', 'the SQLite database file')
    .argument('<snapshot>', 'the snapshot file')
    .option('--dry-run', 'print the plan and change nothing', false)
    .option('--yes', 'accept the default choice for every conflict and identity collision', false)
    .action((snapshot: string, options: { db: string; dryRun: boolean; yes: boolean }) =>
      withApp(
        options.db,
        (app) => cliImport(app, snapshot, { dryRun: options.dryRun, yes: options.yes }, output),
        options.dryRun,
      ),
    );
  cli
    .command('diff')
    .description(
      'Show what importing B into A would change (each a snapshot or a database, read only). Exit 1 when there is no difference.',
    )
    .argument('<a>', 'snapshot or database')
    .argument('<b>', 'snapshot or database')
    .action(async (a: string, b: string) => setExit(await cliDiff(a, b, output)));
  cli
    .command('report')
    .description(
      'Write a report (per-service customer counts, defaults vs specific) of a snapshot or database as .csv or printable .html.',
    )
    .argument('<source>', 'snapshot or database')
    .requiredOption('--out <report>', 'the report file, ending in .csv or .html')
    .action(async (source: string, options: { out: string }) => setExit(await cliReport(source, options.out, output)));
  cli
    .command('restore')
    .description(
      'Replace the database with one of its backups: the backup is checked first and the database as it is now backed up. Without a backup, list them. Exit 1 when there is none.',
    )
    .requiredOption('--db <file>', 'the SQLite database file')
    .argument('[backup]', 'the backup file, or its name in the backups folder beside the database')
    .action((backup: string | undefined, options: { db: string }) => {
      if (!existsSync(options.db)) throw new ServiceError('not-found', `${options.db} does not exist.`);
      return withApp(options.db, (app) => cliRestore(app, backup, output));
    });
}

/** Runs the command line on `argv` (without the node and script paths) and returns the exit status. */
export async function runCli(argv: readonly string[], output: Output = stdio): Promise<number> {
  let exitCode: number = EXIT.done;
  const cli = program(output, (code) => {
    exitCode = code;
  });
  try {
    await cli.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.done;
      if (error.exitCode === EXIT.refused && !error.code.startsWith('commander.'))
        output.err(`Refused: ${error.message}\n`);
      return EXIT.refused;
    }
    output.err(`Refused: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.refused;
  }
}
