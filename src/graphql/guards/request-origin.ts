/**
 * Who may talk to the server from a browser. Two attacks are kept out:
 * - DNS rebinding: a page on `evil.example` re-points its own name at the server's address, so
 *   its requests become same-origin for the browser. They still carry `Host: evil.example`, so a
 *   request whose Host names neither an IP address, nor localhost, nor an allowed host is refused.
 *   An IP literal cannot be rebound (the attacker owns no name in it), so it is always accepted.
 * - Cross-site WebSocket hijacking: browsers send cookies-free but otherwise unrestricted
 *   WebSocket upgrades to any origin, with an `Origin` header the page cannot forge. An upgrade
 *   from another origin than the server's own (or one listed in VERDICTS_ALLOWED_ORIGINS) is
 *   refused. Clients outside a browser send no Origin and are not affected.
 */
import { isIP } from 'node:net';

/** The answer to a refused Host (403 FORBIDDEN); the name is not repeated back. */
export const HOST_REFUSED =
  'This server does not answer to the name in the Host header; list it in VERDICTS_ALLOWED_HOSTS.';
export const ORIGIN_REFUSED =
  "WebSocket connections from another origin than the server's own are refused; list the origin in VERDICTS_ALLOWED_ORIGINS.";

export interface OriginSettings {
  /** Host names (no port) accepted besides IP literals and localhost; `.example.com` allows subdomains. */
  allowedHosts: readonly string[];
  /** Origins (`https://dash.example.com`) that may open WebSockets besides the server's own. */
  allowedOrigins: readonly string[];
}

/** The name in a Host header, without its port and the brackets of an IPv6 literal. */
function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

export function hostAllowed(host: string | undefined, settings: OriginSettings): boolean {
  // HTTP/1.0 clients may omit Host; a browser never does, so nothing is rebound without one.
  if (host === undefined) return true;
  const name = hostName(host);
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return settings.allowedHosts.some((allowed) => {
    const entry = allowed.toLowerCase();
    return entry.startsWith('.') ? name.endsWith(entry) || name === entry.slice(1) : name === entry;
  });
}

export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  settings: OriginSettings,
): boolean {
  if (origin === undefined) return true;
  const given = origin.trim().toLowerCase().replace(/\/$/, '');
  if (host !== undefined) {
    const own = host.trim().toLowerCase();
    if (given === `http://${own}` || given === `https://${own}`) return true;
  }
  return settings.allowedOrigins.some(
    (allowed) => allowed.trim().toLowerCase().replace(/\/$/, '') === given,
  );
}
