import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a request body; JSON when it parses, else the raw text (undefined when empty). */
export async function readBody(
  request: IncomingMessage,
): Promise<{ readonly body: unknown; readonly length: number; readonly malformed: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return { body: undefined, length: 0, malformed: false };
  try {
    return { body: JSON.parse(text) as unknown, length: text.length, malformed: false };
  } catch {
    return { body: text, length: text.length, malformed: true };
  }
}

/** Sends a JSON answer (no body for 204, text for strings). */
export function send(response: ServerResponse, status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const isText = typeof body === 'string';
  response.writeHead(status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...headers });
  response.end(isText ? body : JSON.stringify(body));
}

/** The API key a request carries: `Authorization: Bearer k`, a raw key in `authorization`, or `?api_key=` (B2). */
export function keyOf(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header !== '') return header.replace(/^Bearer\s+/i, '');
  return url.searchParams.get('api_key') ?? undefined;
}

/** Cloudflare in front of REST v2 refused default library User-Agents with "Error 1010" (B2). */
export function isRefusedUserAgent(userAgent: string | undefined): boolean {
  return userAgent === undefined || userAgent === '' || /^(python-urllib|python-requests|axios\/|node$|undici)/i.test(userAgent);
}
