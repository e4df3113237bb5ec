/**
 * The command line: commander wiring only. Every command is a thin shell over a library call;
 * user mistakes become one clear line and exit code 2, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../language/findings.js';
import { processIo, type Io } from './io.js';
import { registerValidate } from './commands/validate.js';
import { registerTest } from './commands/test.js';
import { registerExplain } from './commands/explain.js';
import { registerExport } from './commands/export.js';
import { registerSimulate } from './commands/simulate.js';
import { registerDiff } from './commands/diff.js';
import { VERSION } from '../version.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const done = (c: number): void => {
    code = c;
  };
  const program = new Command('distrule')
    .description('governance-as-code for distributors on Odoo')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  registerValidate(program, io, done);
  registerTest(program, io, done);
  registerExplain(program, io, done);
  registerExport(program, io, done);
  registerSimulate(program, io, done);
  registerDiff(program, io, done);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`distrule: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
      return 2;
    }
    io.stderr(`distrule: internal error: ${(e as Error).message}\n`);
    if (process.env['DISTRULE_DEBUG']) io.stderr(`${(e as Error).stack ?? ''}\n`);
    else io.stderr('  This is a bug in distrule; run again with DISTRULE_DEBUG=1 for details and report it.\n');
    return 3;
  }
}
