import type { Report } from '../suites/index.js';
import { emit, type Reporter, type ReporterOptions } from './reporter.js';

/** The report as JSON, as `Report` describes it (schema: `reportJsonSchema()`, docs/report.schema.json). */
export function jsonReporter(options: ReporterOptions): Reporter {
  return { name: 'json', onRunEnd: (report: Report) => emit(options, `${JSON.stringify(report, null, 2)}\n`) };
}
