// An s3rver in its own process, so a test can kill it like a crashed server and start it again on
// the same port and directory. Run with --openssl-legacy-provider: s3rver encrypts ListObjectsV2
// continuation tokens with DES, which OpenSSL 3 keeps only in its legacy provider.
//
// argv: <directory> <port>. IPC to the parent:
//   out { type: 'listening', port } once, { type: 'request', method, url, headers } per request
//       as it arrives (IPC may overtake or trail the HTTP answer);
//   in  { type: 'create-bucket', name, id }, { type: 'fail-next', count, status, code, id } and
//       { type: 'requests', id }, each answered with { type: 'done', id, requests } once done;
//       `requests` lists every request this process has received, in order.
import { createServer } from 'node:http';
import S3rver from 's3rver';

const [directory = '', port = '0'] = process.argv.slice(2);
const app = new S3rver({ directory, silent: true });
const handle = app.callback();
/** Canned S3 error answers for the next requests, oldest first. */
const faults = [];
const received = [];

const recordedHeaders = (headers) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('x-amz-server-side-encryption') || name === 'content-type'),
  );

function answerWithFault(fault, request, response) {
  fault.count -= 1;
  if (fault.count <= 0) faults.shift();
  request.resume();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>Injected ${fault.code}</Message></Error>`;
  response.writeHead(fault.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const server = createServer((request, response) => {
  const record = { method: request.method, url: request.url, headers: recordedHeaders(request.headers) };
  received.push(record);
  process.send?.({ type: 'request', ...record });
  const fault = faults[0];
  if (fault !== undefined) answerWithFault(fault, request, response);
  else handle(request, response);
});

process.on('message', async (message) => {
  if (message.type === 'create-bucket') await app.store.putBucket(message.name);
  if (message.type === 'fail-next') faults.push({ count: message.count, status: message.status, code: message.code });
  process.send?.({ type: 'done', id: message.id, requests: message.type === 'requests' ? received : [] });
});
process.on('disconnect', () => process.exit(0));

server.listen(Number(port), '127.0.0.1', () => process.send?.({ type: 'listening', port: server.address().port }));
