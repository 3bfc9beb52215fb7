import { Command, Option } from 'commander';
// Only the profile names here: the spec itself (zod, 0.2 s) loads when the command runs, not for its --help.
import { DEFAULT_PROFILE, PROFILES, type Profile } from '../spec/profiles.js';
import type * as SpecModule from '../spec/index.js';
import type { CliIo } from './io.js';
import { UsageError } from './errors.js';
import type { CheckOutcome } from './check-command.js';
import { specDiffCommand } from './spec-diff-command.js';

const FORMATS = ['openapi', 'asyncapi', 'json-schema'] as const;
type Format = (typeof FORMATS)[number];

interface SpecOptions {
  list?: boolean;
  format?: Format;
  profile?: Profile;
  out?: string;
  json?: boolean;
}

type Spec = typeof SpecModule;
const GENERATORS: Record<Format, (spec: Spec, profile: Profile) => unknown> = {
  openapi: (spec, profile) => spec.toOpenApi(profile),
  asyncapi: (spec, profile) => spec.toAsyncApi(profile),
  'json-schema': (spec, profile) => spec.toJsonSchema(profile),
};

async function runSpec(options: SpecOptions, io: CliIo): Promise<void> {
  if (options.list && options.format) {
    throw new UsageError('--list and --format cannot be used together', 'use one: eliza-wire spec --list, or eliza-wire spec --format openapi');
  }
  if (options.out && !options.format) {
    throw new UsageError('--out needs --format', 'e.g. eliza-wire spec --format openapi --out openapi.json');
  }
  const spec = await import('../spec/index.js');
  if (!options.format) {
    const rows = spec.listSpec(options.profile);
    io.stdout(options.json ? `${JSON.stringify(rows, null, 2)}\n` : spec.formatSpecList(rows));
    return;
  }
  const profile = options.profile ?? DEFAULT_PROFILE;
  const document = GENERATORS[options.format](spec, profile);
  const yaml = options.out !== undefined && /\.ya?ml$/i.test(options.out);
  // yaml is loaded only when asked for: the mock and check commands start faster without it.
  const text = yaml ? (await import('yaml')).stringify(document, { aliasDuplicateObjects: false }) : `${JSON.stringify(document, null, 2)}\n`;
  if (options.out) {
    await io.writeFile(options.out, text);
    io.stderr(`wrote ${options.format} (${profile}) to ${options.out}\n`);
  } else {
    io.stdout(text);
  }
}

export function specCommand(io: CliIo, outcome: CheckOutcome = { exitCode: 0 }): Command {
  return new Command('spec')
    // `spec diff a b --json x`: the options after `diff` are diff's, not spec's
    .enablePositionalOptions()
    .description('List the spec, write it as OpenAPI 3.1, AsyncAPI 3.0 or JSON Schema, or diff two profiles')
    .option('--list', 'print every entry (REST operations, socket events, flows) with its levels, then counts (the default)')
    .addOption(new Option('--format <format>', 'write the spec in this format').choices(FORMATS))
    .addOption(new Option('--profile <profile>', `only this profile (default for --format: ${DEFAULT_PROFILE})`).choices(PROFILES))
    .option('--out <file>', 'write to a file instead of stdout (.yaml or .yml writes YAML)')
    .option('--json', 'with --list: print the entries as JSON')
    .addHelpText('after', '\nExamples:\n  eliza-wire spec --list --profile documented\n  eliza-wire spec --format openapi --profile elizaos-1.7 --out openapi.yaml\n  eliza-wire spec diff documented elizaos-1.7 --fail-on breaking\n')
    .addCommand(specDiffCommand(io, outcome))
    .action((options: SpecOptions) => runSpec(options, io));
}
