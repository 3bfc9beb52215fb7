/** The server package of the release installed in this folder (1.6.5), imported from this folder's node_modules. */
export async function load() {
  return { server: await import('@elizaos/server') };
}
