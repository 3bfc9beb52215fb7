/**
 * The rules of `spec diff`, after the oasdiff convention: each change found in the structural diff of two profiles
 * is reported under one rule, with a stable id, a level and a message template. `error` breaks a client written
 * against the first profile; `warning` may break one; `info` does not. Ids never change meaning; add a new rule
 * rather than repurpose one. `{name}` in a template is replaced by the change's parameter of that name.
 */
export const CHANGE_LEVELS = ['error', 'warning', 'info'] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

export interface DiffRule {
  level: ChangeLevel;
  message: string;
}

const rule = (level: ChangeLevel, message: string): DiffRule => ({ level, message });

export const DIFF_RULES = {
  // REST operations
  'rest-operation-removed': rule('error', '{method} {path} is gone: a client calling it gets 404'),
  'rest-operation-added': rule('info', '{method} {path} is new'),
  'rest-operation-deprecated': rule('warning', '{method} {path} is now deprecated'),
  'rest-operation-undeprecated': rule('info', '{method} {path} is no longer deprecated'),
  'rest-operation-moved': rule('error', 'the operation moved from {from} to {to}'),
  'rest-auth-required': rule('error', 'now needs an API key (X-API-KEY): a client without one gets 401'),
  'rest-auth-dropped': rule('info', 'no longer needs an API key'),
  'request-body-added-required': rule('error', 'now needs a {to} request body'),
  'request-body-added-optional': rule('info', 'now accepts an optional {to} request body'),
  'request-body-removed': rule('warning', 'no longer reads a request body ({from})'),
  'request-body-became-required': rule('error', 'the request body is now required'),
  'request-body-became-optional': rule('info', 'the request body is now optional'),
  'request-content-type-changed': rule('error', 'the request body is now {to}, was {from}'),
  'response-status-removed': rule('error', 'the {status} response ({what}) is no longer given'),
  'response-error-status-removed': rule('warning', 'the {status} error response ({what}) is no longer given'),
  'response-status-added': rule('info', 'may now answer {status} ({what})'),
  'response-error-status-added': rule('info', 'may now answer the error {status} ({what})'),
  'response-status-changed': rule('error', '{what} is now answered {to}, was {from}'),
  'response-error-status-changed': rule('warning', 'the error {what} is now answered {to}, was {from}'),
  'response-envelope-changed': rule('error', 'the {status} response ({what}) now has envelope {to}, was {from}'),
  'response-content-type-changed': rule('error', 'the {status} response ({what}) is now {to}, was {from}'),
  'response-error-code-changed': rule('error', 'the {status} error ({what}) now has code {to}, was {from}'),
  'response-error-message-changed': rule('warning', 'the {status} error ({what}) now says "{to}", was "{from}"'),
  // fields of request bodies, query, headers, client events and the handshake auth (what the client sends)
  'request-required-field-added': rule('error', '{location}: {path} is new and required: a client that does not send it is refused'),
  'request-optional-field-added': rule('info', '{location}: {path} is new and optional'),
  'request-field-removed': rule('warning', '{location}: {path} is no longer read'),
  'request-field-removed-strict': rule('error', '{location}: {path} is gone and extra fields are refused: a client still sending it is refused'),
  'request-field-renamed': rule('error', '{location}: {from} is now called {to}'),
  'request-field-retyped': rule('error', '{location}: {path} is now {to}, was {from}'),
  'request-format-changed': rule('warning', '{location}: {path} is now {to}, was {from}'),
  'request-field-became-required': rule('error', '{location}: {path} is now required'),
  'request-field-became-optional': rule('info', '{location}: {path} is now optional'),
  'request-field-narrowed': rule('error', '{location}: {path} now takes only {to}, was any {from}'),
  'request-field-widened': rule('info', '{location}: {path} now takes any {to}, was only {from}'),
  'request-enum-value-removed': rule('error', '{location}: {path} no longer accepts {value}'),
  'request-enum-value-added': rule('info', '{location}: {path} now also accepts {value}'),
  'request-no-longer-nullable': rule('error', '{location}: {path} no longer accepts null'),
  'request-became-nullable': rule('info', '{location}: {path} now accepts null'),
  'request-union-option-removed': rule('error', '{location}: {path} no longer accepts {value}'),
  'request-union-option-added': rule('info', '{location}: {path} now also accepts {value}'),
  'request-extra-fields-refused': rule('warning', '{location}: {path} now refuses fields it does not name'),
  'request-extra-fields-allowed': rule('info', '{location}: {path} now accepts fields it does not name'),
  // fields of response bodies and server events (what the client reads)
  'response-required-field-removed': rule('error', '{location}: {path} is no longer sent'),
  'response-optional-field-removed': rule('warning', '{location}: {path} (optional) is no longer sent'),
  'response-field-added': rule('info', '{location}: {path} is new'),
  'response-field-renamed': rule('error', '{location}: {from} is now called {to}'),
  'response-field-retyped': rule('error', '{location}: {path} is now {to}, was {from}'),
  'response-format-changed': rule('warning', '{location}: {path} is now {to}, was {from}'),
  'response-field-became-optional': rule('error', '{location}: {path} may now be missing'),
  'response-field-became-required': rule('info', '{location}: {path} is now always sent'),
  'response-field-widened': rule('warning', '{location}: {path} may now be any {to}, was only {from}'),
  'response-field-narrowed': rule('info', '{location}: {path} is now only {to}, was any {from}'),
  'response-enum-value-added': rule('warning', '{location}: {path} may now be {value}'),
  'response-enum-value-removed': rule('info', '{location}: {path} is no longer {value}'),
  'response-became-nullable': rule('error', '{location}: {path} may now be null'),
  'response-no-longer-nullable': rule('info', '{location}: {path} is never null now'),
  'response-union-option-added': rule('warning', '{location}: {path} may now be {value}'),
  'response-union-option-removed': rule('info', '{location}: {path} is no longer {value}'),
  // socket events
  'socket-event-removed': rule('error', '{direction} event {event} is gone'),
  'socket-event-added': rule('info', '{direction} event {event} is new'),
  'socket-variant-removed': rule('warning', 'the {event} variant {specId} is gone ({event} itself remains)'),
  'socket-variant-added': rule('warning', '{event} has a new variant {specId}: a client parsing the old ones may not understand it'),
  'socket-recipients-changed': rule('warning', '{event} now goes to {to}, was {from}'),
  'socket-error-removed': rule('info', '{event} no longer answers the error "{value}"'),
  'socket-error-added': rule('warning', '{event} may now answer the error "{value}"'),
  // handshake
  'handshake-changed': rule('error', 'the handshake {what} is now {to}, was {from}'),
  'handshake-rejection-added': rule('error', 'the handshake is now refused ("{value}") when {when}'),
  'handshake-rejection-removed': rule('info', 'the handshake is no longer refused for {what}'),
  'handshake-rejection-message-changed': rule('warning', 'the connect_error for {what} now says "{to}", was "{from}"'),
  // flows
  'flow-removed': rule('warning', 'the flow "{summary}" is no longer part of the protocol'),
  'flow-added': rule('info', 'the flow "{summary}" is new'),
  'flow-step-removed': rule('warning', 'step {step} ({action}) is gone'),
  'flow-step-added': rule('info', 'step {step} ({action}) is new'),
  'flow-event-no-longer-comes': rule('error', 'after {action}, {actor} no longer gets {event}'),
  'flow-event-now-comes': rule('info', 'after {action}, {actor} now also gets {event}'),
  'flow-event-now-forbidden': rule('error', 'after {action}, {actor} must not get {event} any more'),
  'flow-event-count-changed': rule('warning', 'after {action}, {actor} gets {event} {to}, was {from}'),
  'flow-order-changed': rule('error', 'after {action}, {actor} gets {to}, was {from}'),
  // any entry
  'level-weakened': rule('warning', 'is now {to}, was {from}: implementations may leave it out'),
  'level-strengthened': rule('info', 'is now {to}, was {from}'),
} as const satisfies Record<string, DiffRule>;

export type DiffRuleId = keyof typeof DIFF_RULES;
