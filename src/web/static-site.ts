/**
 * Serves the dashboard (web/, built by `npm run build` into web/dist) from memory: hashed files
 * under /assets/ with immutable caching, the dashboard's own routes (it routes on the client)
 * answered with index.html; any other path stays the API's (a coded 404). Every answer carries a strict Content-Security-Policy: no
 * inline script or style, nothing from another origin, data only from this server (HTTP and its
 * WebSocket), never framed. GraphiQL (web/graphiql.html, at /graphiql) gets the same policy, with
 * data: fonts allowed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** web/dist sits two levels above this file both in `src/web/` and in the compiled `dist/web/`. */
export const DASHBOARD_DIRECTORY = path.resolve(__dirname, '..', '..', 'web', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface SiteFile {
  body: Buffer;
  gzipped: Buffer | null;
  contentType: string;
  immutable: boolean;
}

/** GraphiQL's page (web/graphiql.html), at /graphiql. */
const GRAPHIQL_FILE = '/graphiql.html';
const GRAPHIQL_PAGES = new Set(['/graphiql', GRAPHIQL_FILE]);
/**
 * The one relaxation GraphiQL needs: its stylesheet carries its fonts inline as data: URLs.
 * A font cannot run code or send data, so this widens nothing an attacker could use.
 */
const GRAPHIQL_FONTS = ' data:';

/** The dashboard's client routes: keep in step with web/src/state/location.ts. */
const CLIENT_ROUTES =
  /^\/(matrices|overview|head-to-head|judges|vote|search|battles\/[^/]+|models\/[^/]+)?$/;

export class StaticSite {
  private constructor(private readonly files: Map<string, SiteFile>) {}

  /** Reads the built dashboard once; a missing build leaves a site that says how to build it. */
  static load(directory = DASHBOARD_DIRECTORY): StaticSite {
    const files = new Map<string, SiteFile>();
    for (const file of listFiles(directory)) {
      const body = readFileSync(file);
      const extension = path.extname(file);
      const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
      const compressible =
        /^(text\/|application\/json|image\/svg)/.test(contentType) && body.length > 1024;
      const urlPath = '/' + path.relative(directory, file).split(path.sep).join('/');
      files.set(urlPath, {
        body,
        gzipped: compressible ? gzipSync(body) : null,
        contentType,
        immutable: urlPath.startsWith('/assets/'),
      });
    }
    return new StaticSite(files);
  }

  /** GET and HEAD of a built file, an asset or a client route; everything else stays the API's. */
  handles(req: http.IncomingMessage, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    return (
      CLIENT_ROUTES.test(pathname) ||
      GRAPHIQL_PAGES.has(pathname) ||
      pathname.startsWith('/assets/') ||
      this.files.has(pathname)
    );
  }

  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const graphiql = GRAPHIQL_PAGES.has(pathname);
    setSecurityHeaders(req, res, graphiql ? GRAPHIQL_FONTS : '');
    let file = this.files.get(graphiql ? GRAPHIQL_FILE : pathname);
    if (
      file === undefined &&
      (pathname.startsWith('/assets/') || path.posix.extname(pathname) !== '')
    ) {
      send(req, res, 404, 'text/plain; charset=utf-8', Buffer.from('Not found.\n'), 'no-cache');
      return;
    }
    file ??= this.files.get('/index.html');
    if (file === undefined) {
      const message =
        'The dashboard is not built: run `npm run build` (npm install runs it too).\n';
      send(req, res, 503, 'text/plain; charset=utf-8', Buffer.from(message), 'no-cache');
      return;
    }
    const gzip =
      file.gzipped !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (file.gzipped !== null) res.setHeader('vary', 'accept-encoding');
    if (gzip) res.setHeader('content-encoding', 'gzip');
    const body = gzip && file.gzipped !== null ? file.gzipped : file.body;
    send(
      req,
      res,
      200,
      file.contentType,
      body,
      file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  }
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  cacheControl: string,
): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', body.length);
  res.setHeader('cache-control', cacheControl);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A Host header is the client's word: it enters the policy only when it is a plain host[:port]. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** `extraFontSources`: GRAPHIQL_FONTS on GraphiQL's page, else nothing. */
export function contentSecurityPolicy(host: string | undefined, extraFontSources = ''): string {
  const sockets = host !== undefined && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `font-src 'self'${extraFontSources}`,
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function setSecurityHeaders(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  extraFontSources: string,
): void {
  res.setHeader(
    'content-security-policy',
    contentSecurityPolicy(req.headers.host, extraFontSources),
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

function listFiles(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? listFiles(file) : [file];
  });
}
