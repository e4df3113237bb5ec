import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { simulate } from '../../simulate/engine.js';
import { SIMULATE_FORMATS, formatSimulation } from '../../report/simulate/index.js';
import { choice, emit, loadValidRules, type Io } from '../io.js';
import { historyPath, progressReporter, windowOption } from '../history.js';

export function registerSimulate(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('simulate')
    .description('replay history through the rules in time order: approvals and queues, allocation, replenishment')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .option('--history <dir>', 'snapshot folder (default: distrule.yaml `history`, else examples/history)')
    .option('--from <YYYY-MM-DD>', 'start of the window (default: the snapshot\'s)')
    .option('--until <YYYY-MM-DD>', 'end of the window, exclusive (default: the snapshot\'s)')
    .option('-f, --format <format>', `summary format: ${SIMULATE_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the summary to a file')
    .option('--html <file>', 'also write the self-contained html report here', 'simulate-report.html')
    .option('--no-html', 'do not write the html report')
    .option('--strict', 'fail on the first bad snapshot line (default: skip, count and report)')
    .action(async (paths: string[], opts: { history?: string; from?: string; until?: string; format: string; output?: string; html: string | false; strict?: boolean }) => {
      const format = choice('format', opts.format, SIMULATE_FORMATS);
      const loaded = loadValidRules(io, paths, 'simulate');
      if (!loaded) return done(1);
      const { ruleSet, config } = loaded;
      const history = historyPath(opts.history, config, io.cwd);
      const progress = progressReporter(io);
      let result;
      try {
        [result] = await simulate({
          snapshot: history,
          ruleSets: [ruleSet],
          ...windowOption(opts.from, opts.until),
          strict: Boolean(opts.strict),
          ...(config?.facts?.tier ? { tier: config.facts.tier } : {}),
          onProgress: progress.update,
        });
      } finally {
        progress.end();
      }
      emit(io, formatSimulation(format, result!, { color: io.color && !opts.output }), opts.output);
      if (opts.html !== false) {
        writeFileSync(opts.html, formatSimulation('html', result!));
        io.stderr(`html report written to ${opts.html}\n`);
      }
      done(0);
    });
}
