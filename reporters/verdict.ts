import type { Report } from '../suites/index.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { summaryLine } from './text.js';

/**
 * The verdict and where the reports went, for a run whose reporters all write files (`--reporter junit:x.xml`):
 * without it such a run printed nothing at all.
 */
export function verdictReporter(options: ReporterOptions, files: { name: string; path: string }[]): Reporter {
  return {
    name: 'verdict',
    onRunEnd: (report: Report) => {
      const where = files.map((f) => `${f.name} → ${f.path}`).join(', ');
      options.write(`${summaryLine(report)}\nreports: ${where}\n`);
    },
  };
}
