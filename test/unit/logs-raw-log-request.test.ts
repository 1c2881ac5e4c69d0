import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { requestHttp10 } from '../../src/main/core/logs/raw-log-request';

/** A connection whose far end is the test: what was written, and answers pushed in pieces. */
function connection() {
  const written: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk);
      callback();
    },
  });
  return { socket, request: () => Buffer.concat(written).toString('latin1') };
}

/** Everything the body gives until it ends (resumed, as the log reader does). */
function readBody(body: Duplex | NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    body.on('data', (chunk: Buffer) => parts.push(chunk));
    body.on('end', () => resolve(Buffer.concat(parts).toString('latin1')));
    body.resume();
  });
}

describe('requestHttp10: a followed log without Node’s HTTP client', () => {
  it('sends an HTTP/1.0 GET, reads headers split across packets, and hands the body on whole', async () => {
    const { socket, request } = connection();
    const answer = requestHttp10(socket, '/containers/app-1/logs?follow=true&tail=100');
    expect(request()).toBe('GET /containers/app-1/logs?follow=true&tail=100 HTTP/1.0\r\nHost: docker\r\n\r\n');
    socket.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nDa'));
    socket.push(Buffer.from('te: Thu, 26 Nov 2026 22:00:00 GMT\r\n\r\n\x01\x00\x00\x00\x00\x00\x00\x03ab'));
    const body = await answer;
    expect(body.headers).toMatchObject({ date: 'Thu, 26 Nov 2026 22:00:00 GMT' });
    socket.push(Buffer.from('c'));
    socket.push(null);
    // the bytes after the headers in the same packet come first, nothing lost or repeated
    expect(await readBody(body)).toBe('\x01\x00\x00\x00\x00\x00\x00\x03abc');
  });

  it("an answer other than 200 rejects with Docker's message and the status code", async () => {
    const { socket } = connection();
    const answer = requestHttp10(socket, '/containers/nope/logs');
    socket.push(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message":"No such con'));
    socket.push(Buffer.from('tainer: nope"}\n'));
    socket.push(null);
    await expect(answer).rejects.toMatchObject({
      message: '(HTTP code 404) No such container: nope',
      statusCode: 404,
    });
  });

  it('a connection that ends or fails before the headers rejects, and is destroyed', async () => {
    const ended = connection();
    const early = requestHttp10(ended.socket, '/x');
    ended.socket.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    ended.socket.push(null);
    await expect(early).rejects.toThrow('Docker closed the connection before answering the log request.');
    expect(ended.socket.destroyed).toBe(true);

    const broken = connection();
    const failed = requestHttp10(broken.socket, '/x');
    broken.socket.emit('error', new Error('The SSH connection to box dropped during a Docker request.'));
    await expect(failed).rejects.toThrow('dropped during a Docker request');
  });

  it('headers that never end (not Docker) are refused instead of buffered without bound', async () => {
    const { socket } = connection();
    const answer = requestHttp10(socket, '/x');
    socket.push(Buffer.alloc(70 * 1024, 'a'));
    await expect(answer).rejects.toThrow('no end of headers');
  });
});
