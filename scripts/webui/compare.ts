/**
 * The mock's walk through the web UI against 1.7.2's, step by step: the region's lines (as multisets: a line one
 * side shows more often than the other counts as a difference), REST answers ≥ 400 and page errors. A difference is
 * explained only by a known difference below, which says why in one line.
 */
import type { StepRecord } from './drive.js';

export interface KnownUiDifference {
  /** The steps it applies to. */
  steps: RegExp;
  /** The lines it explains, on either side. */
  lines: RegExp;
  why: string;
}

/** Where the mock and 1.7.2 still show different things, and why. */
export const KNOWN_UI_DIFFERENCES: KnownUiDifference[] = [
  {
    steps: /^(send-\d|reload|switch-chat|send-second-chat|new-chat|delete-chat)$/,
    lines: /^(Chat - <date>|hello one|<response>.*<\/response>)$/,
    why: "a chat's title comes from the model (POST …/generate-title): 1.7.2's fake model answers the title prompt with its no-user-text XML, the mock titles a chat with its first words once it has four messages",
  },
  {
    steps: /^panel-timeline$/,
    lines: /.*/,
    why: "1.7.2 writes run_event logs only from @elizaos/plugin-bootstrap's RUN_* handlers, which the reference agent does not load (plugins: []), so its Timeline lists no run; the mock records one run per reply",
  },
  {
    steps: /^panel-model-calls$/,
    lines: /^model call: TEXT_(SMALL|EMBEDDING)$/,
    why: "1.7.2 also calls TEXT_SMALL (chat titles) and TEXT_EMBEDDING (memory embeddings); the mock logs one TEXT_LARGE call per reply",
  },
];

export interface StepComparison {
  id: string;
  /** Lines only the mock shows / only 1.7.2 shows, not explained. */
  onlyMock: string[];
  onlyReference: string[];
  /** One line per known difference that applied. */
  explained: string[];
  /** HTTP errors, page errors and step problems, `<target>: <what>`. */
  problems: string[];
}

/** Lines of `a` not matched one for one in `b`. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    return n === 0;
  });
}

function explain(id: string, onlyMock: string[], onlyReference: string[]): Pick<StepComparison, 'onlyMock' | 'onlyReference' | 'explained'> {
  const explained: string[] = [];
  let mock = onlyMock;
  let reference = onlyReference;
  for (const known of KNOWN_UI_DIFFERENCES) {
    if (!known.steps.test(id)) continue;
    const before = mock.length + reference.length;
    mock = mock.filter((l) => !known.lines.test(l));
    reference = reference.filter((l) => !known.lines.test(l));
    if (mock.length + reference.length < before) explained.push(known.why);
  }
  return { onlyMock: mock, onlyReference: reference, explained };
}

function problemsOf(target: string, r: StepRecord | undefined): string[] {
  if (!r) return [`${target}: the step did not run`];
  return [...r.problems, ...r.httpErrors.map((e) => `HTTP ${e}`), ...r.pageErrors.map((e) => `page error: ${e}`)].map((p) => `${target}: ${p}`);
}

/** Step-by-step comparison of the two walks (same steps, same order). */
export function compareWalks(mock: StepRecord[], reference: StepRecord[]): StepComparison[] {
  return mock.map((m) => {
    const r = reference.find((x) => x.id === m.id);
    const lines = explain(m.id, minus(m.lines, r?.lines ?? []), minus(r?.lines ?? [], m.lines));
    return { id: m.id, ...lines, problems: [...problemsOf('mock', m), ...problemsOf('1.7.2', r)] };
  });
}

/** The problems that fail the run: unexplained differences, and errors on either side. */
export function failures(comparisons: StepComparison[]): string[] {
  return comparisons.flatMap((c) => [
    ...c.problems.map((p) => `webui ${c.id}: ${p}`),
    ...(c.onlyMock.length + c.onlyReference.length > 0
      ? [`webui ${c.id}: the page differs (only the mock: ${JSON.stringify(c.onlyMock)}; only 1.7.2: ${JSON.stringify(c.onlyReference)})`]
      : []),
  ]);
}

/** The comparison as a Markdown page (test-output/webui/report.md). */
export function reportMarkdown(comparisons: StepComparison[]): string {
  const rows = comparisons.map((c) => {
    const same = c.onlyMock.length + c.onlyReference.length === 0 && c.problems.length === 0;
    const verdict = !same ? 'DIFFERS' : c.explained.length > 0 ? 'known differences only' : 'same';
    const detail = [...c.problems, ...c.onlyMock.map((l) => `only the mock: ${l}`), ...c.onlyReference.map((l) => `only 1.7.2: ${l}`)];
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    return `| ${c.id} | ${verdict} | ${cell(detail.join('<br>'))} | ${cell(c.explained.join('<br>'))} |`;
  });
  return [
    '# The ElizaOS 1.7.2 web UI against the mock and against 1.7.2, step by step',
    '',
    'Screenshots: test-output/webui/mock/<step>.png and test-output/webui/elizaos-1.7.2/<step>.png.',
    '',
    '| step | verdict | unexplained | explained (known differences) |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
