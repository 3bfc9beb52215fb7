/** The server package of the release installed in this folder (1.7.2), imported from this folder's node_modules. */
export async function load() {
  return { server: await import('@elizaos/server') };
}
