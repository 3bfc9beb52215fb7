/** The server package of the release installed in this folder (1.7.3-alpha.4), imported from this folder's node_modules. */
export async function load() {
  return { server: await import('@elizaos/server') };
}
