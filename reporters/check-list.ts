import type { CheckInfo } from '../suites/index.js';

/** `documented MUST, elizaos-1.7 SHOULD`: a check's level in each profile that has it. */
function levels(info: CheckInfo): string {
  return Object.entries(info.levels).map(([profile, level]) => `${profile} ${level}`).join(', ');
}

/** `check --list`: each check's id and levels, then its title and spec ids, then how to run some. */
export function checkListText(checks: CheckInfo[]): string {
  const lines = checks.flatMap((c) => [
    `${c.id}  (${levels(c)})${c.requires ? `  needs --${c.requires === 'apiKey' ? 'api-key' : 'socket-api-key'}` : ''}`,
    `    ${c.title}`,
    `    spec: ${c.specIds.join(', ')}`,
  ]);
  return `${lines.join('\n')}\n\n${checks.length} checks. Run some with: eliza-wire check --only "socket.*" (globs over ids; --level may runs every level)\n`;
}
