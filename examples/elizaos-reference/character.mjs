/**
 * The one agent of the reference server. Its name is fixed, so its id (`stringToUuid(name)`, computed by the
 * server) is the same on every run: 9a883c7a-c04c-0956-8741-ec7f15f7a829.
 */
export const REFERENCE_AGENT_NAME = 'WireEcho';

/** @type {import('@elizaos/core').Character} */
export const referenceCharacter = {
  name: REFERENCE_AGENT_NAME,
  username: 'wire-echo',
  bio: ['A deterministic echo agent: it answers "echo: <your text>" and never calls a language model.'],
  system: 'Repeat the user text after "echo: ".',
  plugins: [],
  settings: {},
  secrets: {},
};
