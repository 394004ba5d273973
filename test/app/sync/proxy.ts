/**
 * A tiny TCP proxy between a device and the real server, to break the connection the way a bad
 * mobile network does. It forwards bytes both ways and counts what the device sends, unless armed:
 * - `cutNextAnswer()`: the next request reaches the server, the server answers, and the device's
 *   socket is destroyed before it sees a byte of the answer;
 * - `holdNextAnswer()`: the answer is kept until `release()` (to edit the report mid-push);
 * - `answerNextWith(raw)`: the proxy answers the next request itself (a 503 from a load balancer);
 * - `blackhole(true)`: requests go nowhere and never get an answer (a hung connection).
 * `nextRequest()` resolves with the next request line the device sends, so a test can act while that
 * request is in flight instead of guessing how long it takes.
 */
import net from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** Bytes the device sent through the proxy since the last `resetCounters()`. */
  bytesFromDevice(): number;
  /** Bytes the server (or the proxy itself) sent back to the device since the last `resetCounters()`. */
  bytesToDevice(): number;
  /** Requests (request lines) the device sent since the last `resetCounters()`. */
  requestLines(): string[];
  /** Resolves with the next request line ("PUT /api/reports/…") once the proxy has read it. */
  nextRequest(): Promise<string>;
  resetCounters(): void;
  cutNextAnswer(): Promise<void>;
  holdNextAnswer(): { answered: Promise<void>; release(): void };
  answerNextWith(raw: string): void;
  blackhole(on: boolean): void;
  close(): Promise<void>;
}

type Mode =
  | { kind: 'forward' }
  | { kind: 'cut'; done: () => void }
  | { kind: 'hold'; answered: () => void; released: Promise<void> }
  | { kind: 'answer'; raw: string }
  | { kind: 'blackhole' };

const REQUEST_LINE = /^(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (\S+) HTTP\/1\.1\r\n/gm;

export async function startProxy(targetPort: number): Promise<TestProxy> {
  let mode: Mode = { kind: 'forward' };
  let bytes = 0;
  let bytesBack = 0;
  let lines: string[] = [];
  let lineWaiters: ((line: string) => void)[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let upstream: net.Socket | null = null;
    const connectUpstream = (): net.Socket => {
      const socket = net.connect(targetPort, '127.0.0.1');
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
      });
      socket.on('error', () => client.destroy());
      socket.on('data', (chunk) => {
        const current = mode;
        if (current.kind === 'cut') {
          mode = { kind: 'forward' };
          client.destroy();
          socket.destroy();
          current.done();
          return;
        }
        if (current.kind === 'hold') {
          mode = { kind: 'forward' };
          socket.pause();
          current.answered();
          void current.released.then(() => {
            bytesBack += chunk.length;
            client.write(chunk);
            socket.resume();
          });
          return;
        }
        bytesBack += chunk.length;
        client.write(chunk);
      });
      return socket;
    };
    client.on('data', (chunk) => {
      bytes += chunk.length;
      for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        const line = `${match[1]} ${match[2]}`;
        lines.push(line);
        const waiters = lineWaiters;
        lineWaiters = [];
        for (const resolve of waiters) resolve(line);
      }
      const current = mode;
      if (current.kind === 'blackhole') return;
      if (current.kind === 'answer') {
        mode = { kind: 'forward' };
        client.end(current.raw);
        return;
      }
      upstream ??= connectUpstream();
      upstream.write(chunk);
    });
    client.on('close', () => upstream?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bytesFromDevice: () => bytes,
    bytesToDevice: () => bytesBack,
    requestLines: () => [...lines],
    nextRequest: () => new Promise<string>((resolve) => lineWaiters.push(resolve)),
    resetCounters() {
      bytes = 0;
      bytesBack = 0;
      lines = [];
    },
    cutNextAnswer() {
      return new Promise<void>((done) => (mode = { kind: 'cut', done }));
    },
    holdNextAnswer() {
      let release!: () => void;
      let answered!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const answeredPromise = new Promise<void>((resolve) => (answered = resolve));
      mode = { kind: 'hold', answered, released };
      return { answered: answeredPromise, release };
    },
    answerNextWith(raw) {
      mode = { kind: 'answer', raw };
    },
    blackhole(on) {
      mode = on ? { kind: 'blackhole' } : { kind: 'forward' };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
