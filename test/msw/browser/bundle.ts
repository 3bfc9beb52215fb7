import { build, type Plugin } from 'esbuild';

/** Fails the bundle on any `node:` import, naming the module that made it (bare built-ins already fail on 'browser'). */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(bundler) {
    bundler.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} is a Node built-in, imported by ${args.importer}: the msw entry must run in a browser` }],
    }));
  },
};

/** Bundles `entry` for the browser (ESM, one file, in memory); rejects with esbuild's errors if it reaches Node. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return output.text;
}
