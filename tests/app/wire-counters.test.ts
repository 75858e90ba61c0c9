/**
 * The harness counts queries at the wire. These check its protocol parsers on byte streams built
 * by hand, cut at every possible chunk boundary (TCP delivers arbitrary pieces).
 */
import { describe, expect, it } from 'vitest';

import { mysqlCounter, postgresCounter } from '../../fixtures/app/verify/proxy.js';

function pgStartup(): Buffer {
  const params = Buffer.from('user\0postgres\0database\0db\0\0');
  const b = Buffer.alloc(8 + params.length);
  b.writeInt32BE(b.length, 0);
  b.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(b, 8);
  return b;
}

function pgSslRequest(): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(80877103, 4);
  return b;
}

function pgMessage(type: string, payload: string): Buffer {
  const body = Buffer.from(payload);
  const b = Buffer.alloc(5 + body.length);
  b.write(type, 0);
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
}

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeUIntLE(payload.length, 0, 3);
  b[3] = sequence;
  payload.copy(b, 4);
  return b;
}

/** Feeds the stream in two pieces cut at every offset and returns each count. */
function countsForEverySplit(make: () => { feed(chunk: Buffer): number }, stream: Buffer): Set<number> {
  const counts = new Set<number>();
  for (let cut = 0; cut <= stream.length; cut += 1) {
    const counter = make();
    counts.add(counter.feed(stream.subarray(0, cut)) + counter.feed(stream.subarray(cut)));
  }
  return counts;
}

describe('PostgreSQL frontend messages', () => {
  it('counts Query and Execute, not start-up, Parse, Bind, Sync or Terminate', () => {
    const stream = Buffer.concat([
      pgSslRequest(),
      pgStartup(),
      pgMessage('p', 'password\0'),
      pgMessage('Q', 'BEGIN\0'),
      pgMessage('P', '\0SELECT $1 -- contains Q and E bytes: QE\0\0\0'),
      pgMessage('B', '\0\0\0\0\0\0\0\0'),
      pgMessage('D', 'P\0'),
      pgMessage('E', '\0\0\0\0\0'),
      pgMessage('S', ''),
      pgMessage('Q', 'COMMIT\0'),
      pgMessage('X', ''),
    ]);
    expect(countsForEverySplit(postgresCounter, stream)).toEqual(new Set([3]));
  });

  it('counts byte by byte too', () => {
    const stream = Buffer.concat([pgStartup(), pgMessage('Q', 'SELECT 1\0'), pgMessage('Q', 'SELECT 2\0')]);
    const counter = postgresCounter();
    let total = 0;
    for (const byte of stream) total += counter.feed(Buffer.from([byte]));
    expect(total).toBe(2);
  });
});

describe('MySQL client packets', () => {
  it('counts COM_QUERY and COM_STMT_EXECUTE that start a command, not the handshake or COM_STMT_PREPARE', () => {
    const stream = Buffer.concat([
      // Handshake response (sequence 1) whose first payload byte happens to be 0x03.
      mysqlPacket(1, Buffer.from([0x03, 0x17, 0x00, 0x00, 0x41])),
      // Auth switch response (sequence 3).
      mysqlPacket(3, Buffer.from([0x17, 0x01])),
      mysqlPacket(0, Buffer.concat([Buffer.from([0x03]), Buffer.from('START TRANSACTION')])),
      mysqlPacket(0, Buffer.concat([Buffer.from([0x16]), Buffer.from('SELECT ?')])), // COM_STMT_PREPARE
      mysqlPacket(0, Buffer.from([0x17, 1, 0, 0, 0, 0, 1, 0, 0, 0])), // COM_STMT_EXECUTE
      mysqlPacket(0, Buffer.from([0x0e])), // COM_PING
      mysqlPacket(0, Buffer.concat([Buffer.from([0x03]), Buffer.from('COMMIT')])),
      mysqlPacket(0, Buffer.from([0x01])), // COM_QUIT
    ]);
    expect(countsForEverySplit(mysqlCounter, stream)).toEqual(new Set([3]));
  });

  it('skips an empty packet without reading into the next one', () => {
    const stream = Buffer.concat([mysqlPacket(2, Buffer.alloc(0)), mysqlPacket(0, Buffer.from([0x03, 0x41]))]);
    expect(countsForEverySplit(mysqlCounter, stream)).toEqual(new Set([1]));
  });
});
