/**
 * The packages of the release installed in this folder (1.5.8), imported from this folder's node_modules. 1.5.8's
 * core has no message service: plugin-bootstrap answers the messages.
 */
export async function load() {
  const [server, core, sql, bootstrap] = await Promise.all([
    import('@elizaos/server'),
    import('@elizaos/core'),
    import('@elizaos/plugin-sql'),
    import('@elizaos/plugin-bootstrap'),
  ]);
  return { server, core, sql, bootstrap };
}
