import type { IncomingMessage, ServerResponse } from 'node:http';
import { packageVersion } from '../core/package-info.js';

/** `GET /health` for load balancers and uptime checks: 200 while the process serves webhooks. */
export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || req.url?.split('?')[0] !== '/health') return false;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', version: packageVersion() }));
  return true;
}
