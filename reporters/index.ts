/**
 * eliza-wire/reporters: console, JSON, JUnit, Markdown and HTML, chosen by name.
 */
import { consoleReporter } from './console.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { Reporter, ReporterOptions } from './reporter.js';

export const REPORTERS: Record<string, (options: ReporterOptions) => Reporter> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

export type { Reporter, ReporterOptions } from './reporter.js';
export { redact } from './reporter.js';
export { junitXml } from './junit.js';
export { markdown } from './markdown.js';
export { html } from './html.js';
export { verdictReporter } from './verdict.js';
export { checkListText } from './check-list.js';
