/** What two servers legitimately show differently in the same page, replaced by placeholders before comparing. */
export interface Substitutions {
  /** The agent's name, bio lines, system prompt…: each replaced by its placeholder. */
  literals: [text: string, placeholder: string][];
}

const RULES: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b[0-9a-f]{8}\b/gi, '<id8>'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<iso>'],
  [/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}(,\s*\d{4})?(,\s*\d{1,2}(:\d{2}){1,2}(\s*[AP]M)?)?/g, '<date>'],
  [/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, '<date>'],
  [/\b\d{1,2}:\d{2}(:\d{2})?(\s*[AP]M)?\b/g, '<time>'],
  [/\b\d{1,2} [AP]M\b/g, '<hour>'],
  [/\b\d+m ago\b/g, '<ago>'],
  [/\(UTC[+-]\d+\)/g, '(<tz>)'],
  [/\b(a few|\d+) (seconds?|minutes?|hours?) ago\b/g, '<ago>'],
  [/\b\d+(\.\d+)?\s?ms\b/gi, '<ms>'],
  [/\bhttp:\/\/127\.0\.0\.1:\d+/g, '<origin>'],
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page text with ids, times, the target's own names and blank lines taken out: what a person would compare. */
export function normalise(text: string, subs: Substitutions): string[] {
  let out = text;
  for (const [literal, placeholder] of [...subs.literals].sort((a, b) => b[0].length - a[0].length)) {
    // whole words only: the mock's agent "Eliza" must not turn "ElizaOS" into "<agent>OS"
    if (literal) out = out.replace(new RegExp(`(?<![\\w-])${escape(literal)}(?![\\w-])`, 'g'), placeholder);
  }
  for (const [pattern, placeholder] of RULES) out = out.replace(pattern, placeholder);
  return out
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}
