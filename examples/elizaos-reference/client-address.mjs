/**
 * 1.7.2 limits `/api` to 1000 requests per 15 minutes per client address, loopback included, with no switch to turn
 * it off; the agent's own loop-back calls (3 to 4 per message) count too. This middleware, given to the server
 * through `config.middlewares` (it runs before the `/api` router and its limiter), gives every request the next
 * address of 10.77.0.0/16. express-rate-limit keys on `req.ip`, so one address comes back only after 65,536
 * requests and the limit is out of reach. The limiter still runs and still sends its `RateLimit-*` headers.
 *
 * Private addresses are also exempt from the /health limiter, as loopback is.
 */
export const SYNTHETIC_PREFIX = '10.77';

/** @returns {(req: object, res: object, next: () => void) => void} */
export function syntheticClientAddresses() {
  let counter = 0;
  return function syntheticClientAddress(req, _res, next) {
    const n = counter;
    counter = (counter + 1) % 65536;
    // Express defines `ip` as a getter on the request prototype; an own property on the request shadows it.
    Object.defineProperty(req, 'ip', { value: `${SYNTHETIC_PREFIX}.${n >> 8}.${n & 255}`, configurable: true, enumerable: true });
    next();
  };
}
