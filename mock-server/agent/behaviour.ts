/** What an agent answers. */
export interface AgentReply {
  text: string;
  thought?: string;
  actions?: string[];
}

export interface AgentInput {
  text: string;
  agentId: string;
  agentName: string;
  channelId: string;
  senderId: string;
}

/** The agent's behaviour: an answer, or `null` for none. Tests hand in their own. */
export interface AgentBehaviour {
  name: string;
  reply(input: AgentInput): AgentReply | null | Promise<AgentReply | null>;
}

/** Answers `echo: <text>`. */
export const echoAgent: AgentBehaviour = {
  name: 'echo',
  reply: ({ text }) => ({ text: `echo: ${text}`, thought: 'Echo the message back.', actions: ['REPLY'] }),
};

/** Never answers. */
export const silentAgent: AgentBehaviour = { name: 'silent', reply: () => null };

export const AGENT_BEHAVIOURS = { echo: echoAgent, silent: silentAgent } as const;
