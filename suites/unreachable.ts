/** Every error in a `cause` chain, outermost first (fetch wraps the socket's error in a TypeError). */
export function causes(error: unknown): { code?: string; name?: string; message?: string }[] {
  const chain: { code?: string; name?: string; message?: string }[] = [];
  let current = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    chain.push({
      code: typeof current.code === 'string' ? current.code : undefined,
      name: typeof current.name === 'string' ? current.name : undefined,
      message: typeof current.message === 'string' ? current.message : undefined,
    });
    current = current.cause as typeof current;
  }
  return chain;
}

const CODES: Record<string, (host: string) => { why: string; fix: string }> = {
  ECONNREFUSED: (host) => ({ why: `nothing listens on ${host}`, fix: 'is the server running? Check the host and port' }),
  ENOTFOUND: (host) => ({ why: `the host name ${host.replace(/:\d+$/, '')} does not resolve`, fix: 'check the spelling of the host' }),
  EAI_AGAIN: () => ({ why: 'the DNS lookup failed', fix: 'check the host name and the network' }),
  ECONNRESET: () => ({ why: 'the connection was reset', fix: 'is something else (a proxy, a TLS port) listening there?' }),
  EHOSTUNREACH: () => ({ why: 'no route to the host', fix: 'check the host and the network' }),
  ETIMEDOUT: () => ({ why: 'connecting timed out', fix: 'check the host, the port and any firewall' }),
  UND_ERR_CONNECT_TIMEOUT: () => ({ why: 'connecting timed out', fix: 'check the host, the port and any firewall' }),
  UND_ERR_SOCKET: () => ({ why: 'the server closed the connection', fix: 'is the server an HTTP server?' }),
};

function tls(code: string, message: string | undefined, url: URL): { why: string; fix: string } | undefined {
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message ?? '')) {
    return { why: 'TLS failed: the server does not speak TLS', fix: `use http://${url.host}` };
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return { why: `TLS failed${message ? `: ${message}` : ''}`, fix: 'give Node the CA (NODE_EXTRA_CA_CERTS=ca.pem), or use http:// when the server does not speak TLS' };
  }
  return undefined;
}

/** Why a request to `url` failed before any answer, with the likely fix: the cause's code, explained. */
export function unreachableReason(error: unknown, url: URL, timeoutMs: number): { reason: string; fix: string } {
  const chain = causes(error);
  if (chain.some((c) => c.name === 'TimeoutError')) return { reason: `no answer in ${timeoutMs} ms`, fix: 'is the server stuck, or is the port another service? Raise --timeout for a slow server' };
  const coded = chain.find((c) => c.code !== undefined);
  // no code (fetch's own refusals, e.g. "bad port" for ports browsers block): the innermost message says why
  if (!coded?.code) return { reason: chain.at(-1)?.message ?? 'unknown error', fix: 'check the URL, and that the server is running' };
  const known = CODES[coded.code]?.(url.host) ?? tls(coded.code, coded.message, url);
  if (known) return { reason: `${coded.code} (${known.why})`, fix: known.fix };
  return { reason: `${coded.code}${coded.message ? `: ${coded.message}` : ''}`, fix: 'check the URL, and that the server is running' };
}
