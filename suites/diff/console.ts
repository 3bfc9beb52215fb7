import type { DiffReport, DiffUnit } from './model.js';
import { placeOf, valuesOf } from './render.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function unitLines(unit: DiffUnit): string[] {
  return [
    `✗ ${unit.id} (${unit.kind}): ${plural(unit.differences.length, 'difference')}`,
    ...unit.differences.flatMap((d) => [`    ${placeOf(d)}`, `      ${valuesOf(d)}`]),
  ];
}

/** The last line of the console report, e.g. `59 compared: 58 identical; 1 unexplained, 0 explained`. */
export function summaryLine(report: DiffReport): string {
  const s = report.summary;
  return `${s.units} compared: ${s.identical} identical; ${s.unexplained} unexplained, ${s.explained} explained`;
}

/**
 * The diff for a terminal: the two servers, each flow or read with unexplained differences (path, then both
 * values), the explained ones with their reason, and a summary line.
 */
export function formatConsole(report: DiffReport): string {
  const explained = report.units.flatMap((u) => u.explained);
  const lines = [
    `eliza-wire diff (profile ${report.profile})`,
    `  A ${report.a}`,
    `  B ${report.b}`,
    '',
    ...report.units.filter((u) => u.differences.length > 0).flatMap(unitLines),
  ];
  if (explained.length > 0) {
    lines.push('', `Explained (${explained.length})`);
    for (const d of explained) lines.push(`  ${d.where} ${placeOf(d)}`, `    ${valuesOf(d)}`, `    why: ${d.why ?? ''}`);
  }
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}
