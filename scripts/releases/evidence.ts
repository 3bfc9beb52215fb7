/**
 * Evidence strings of docs/releases/*.differences.json, checked against the unpacked tarballs.
 *
 * One evidence string holds one or more citations, each either
 *   `[<version>] dist/index.js:<line> <module> <function> «<quote>»`  the quote is on that line of that release's dist
 *   `[<version>] absent «<quote>»`                                     the quote is nowhere in that release's dist
 *   `[<version>] file «<path>»` / `nofile «<path>»`                     the package has / has not that file or folder
 * `[<version>]` may be left out: it is then the release the file is about. `<line>` may be `?` to be filled in.
 */
export interface Citation {
  version: string | undefined;
  line: number | undefined;
  absent: boolean;
  /** A file of the package rather than a quote of its dist: 'file' it exists, 'nofile' it does not. */
  file: 'file' | 'nofile' | undefined;
  quote: string;
  /** Where it starts and ends in the evidence string, to rewrite the line number. */
  start: number;
  end: number;
}

const CITATION = /(?:\[([^\]\s]+)\] )?(?:dist\/index\.js:(\d+|\?)|(absent)|(file|nofile))[^«]*«([^»]+)»/g;

export function citations(evidence: string): Citation[] {
  return [...evidence.matchAll(CITATION)].map((m) => ({
    version: m[1],
    line: m[2] && m[2] !== '?' ? Number(m[2]) : undefined,
    absent: m[3] === 'absent',
    file: m[4] === 'file' || m[4] === 'nofile' ? m[4] : undefined,
    quote: m[5] ?? '',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** 1-based lines of `lines` that contain `quote`. */
export function linesWith(lines: string[], quote: string): number[] {
  const out: number[] = [];
  lines.forEach((text, i) => {
    if (text.includes(quote)) out.push(i + 1);
  });
  return out;
}

/** What is wrong with one citation, or undefined; `found` are the lines the quote is really on. */
export function problem(c: Citation, found: number[]): string | undefined {
  if (c.absent) return found.length ? `«${c.quote}» is said to be absent but is on line ${found.join(', ')}` : undefined;
  if (!found.length) return `«${c.quote}» is not in the dist`;
  if (c.line === undefined) return `«${c.quote}» has no line number (it is on ${found.slice(0, 5).join(', ')}; run with --fix)`;
  if (!found.includes(c.line)) return `«${c.quote}» is not on line ${c.line} but on ${found.slice(0, 5).join(', ')} (run with --fix)`;
  return undefined;
}
