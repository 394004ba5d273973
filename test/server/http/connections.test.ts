/**
 * What arrives on a raw connection before Fastify has a request: slow headers, slow bodies, idle
 * keep-alive connections, headers past the limit, bytes that are not HTTP. Each is answered in the
 * API's JSON shape with its headers (or closed, when idle), over a real socket to a listening server.
 * The limits are short here so the test is quick; the test itself waits for the server's answer.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport, startTestServer, type EnrolledDevice, type TestServer } from '../helpers';

let server: TestServer;
let device: EnrolledDevice;
beforeAll(async () => {
  server = await startTestServer({ timeouts: { headersMs: 600, requestMs: 1_200, keepAliveMs: 300, checkEveryMs: 100 } });
  device = await server.enrolDevice();
});
afterAll(async () => {
  await server?.close();
});

interface RawExchange {
  /** Everything the server sent until it closed the connection. */
  text: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Opens a socket, writes `chunks` (a string, or a function given the socket), resolves once the server closes it. */
function exchange(write: (socket: net.Socket) => void): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ text, status: Number(statusLine.split(' ')[1] ?? 0), headers, body: Buffer.from(body, 'latin1').toString('utf8') });
    });
    socket.on('connect', () => write(socket));
  });
}

function expectApiAnswer(answer: RawExchange, status: number, error: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(body).toMatchObject({ error });
  expect(typeof body.message).toBe('string');
  expect(body).not.toHaveProperty('statusCode');
}

describe('time limits on a connection', () => {
  it('cuts a push whose body stops half-way with a JSON 408', async () => {
    const report = JSON.stringify(sampleReport());
    const answer = await exchange((socket) =>
      socket.write(
        `PUT /api/reports/${JSON.parse(report).id} HTTP/1.1\r\nHost: x\r\nAuthorization: ${device.headers.authorization}\r\n` +
          `Content-Type: application/json\r\nIdempotency-Key: slow-body\r\nIf-None-Match: *\r\nContent-Length: ${Buffer.byteLength(report)}\r\n\r\n${report.slice(0, 200)}`,
      ),
    );
    expectApiAnswer(answer, 408, 'request_timeout');
    expect(await server.store.findReport(JSON.parse(report).id)).toBeUndefined();
  });

  it('cuts an enrolment whose headers never end with a JSON 408', async () => {
    const answer = await exchange((socket) => socket.write('POST /api/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'));
    expectApiAnswer(answer, 408, 'request_timeout');
  });

  it('closes a keep-alive connection left idle after its answer', async () => {
    const answer = await exchange((socket) => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"status":"ok"');
  });
});

describe('what the HTTP parser refuses', () => {
  it('answers headers past the limit with a JSON 431', async () => {
    const answer = await exchange((socket) => socket.write(`GET /api/reports HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`));
    expectApiAnswer(answer, 431, 'headers_too_large');
  });

  it('answers bytes that are not HTTP with a JSON 400', async () => {
    const answer = await exchange((socket) => socket.write('HELLO THERE\r\n\r\n'));
    expectApiAnswer(answer, 400, 'bad_request');
  });
});
