/**
 * A small app module: what an agents panel shows, read through `@elizaos/api-client`. The client is handed in, so
 * the test can point it at the MSW handlers and the app can point it at a real server.
 */
export interface AgentsClient {
  agents: { listAgents(): Promise<{ agents: { id: string; name: string; status?: string }[] }> };
}

export interface PanelRow {
  id: string;
  label: string;
}

/** One row per agent, sorted by name, with its status when the server gives one. */
export async function agentsPanel(client: AgentsClient): Promise<PanelRow[]> {
  const { agents } = await client.agents.listAgents();
  return [...agents].sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ id: a.id, label: a.status ? `${a.name} (${a.status})` : a.name }));
}
