/**
 * The sandbox DNS server: answers A, AAAA and CNAME questions from `world.dns.records`
 * over UDP and TCP on one loopback port, NXDOMAIN for names the world does not hold.
 * It stands in for the cluster DNS (and what it forwards to) in demos and tests.
 */
import dns2 from 'dns2';

import type { DnsFault, DnsRecord, World, WorldFaults } from '@/lib/schemas/world';

import { createFaultPlan } from '../world/faults';
import { indexRecords, lookup, type AnsweredType } from './answer';

const { Packet } = dns2;

/** A running sandbox DNS server. */
export interface DnsSandbox {
  /** Address it listens on (UDP and TCP). */
  host: string;
  /** Port it listens on (UDP and TCP), read back when 0 was asked for. */
  port: number;
  /** Answers from another world from now on. */
  setWorld(world: World): void;
  /** Replaces the world's `faults.dns` (a fresh count for `times`) until the next `setWorld`. */
  setWorldFaults(faults: WorldFaults | undefined): void;
  /** The names asked since the last `resetCalls`, in arrival order. */
  calls(): string[];
  resetCalls(): void;
  /** Stops both listeners. */
  close(): Promise<void>;
}

export interface DnsServerOptions {
  world: World;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port, the same for UDP and TCP. */
  port?: number;
  /** Told about malformed queries and failed sends; the server keeps serving. Default: ignore them. */
  onError?: ErrorListener;
}

type Send = (response: InstanceType<typeof Packet>) => Promise<Buffer>;
type ErrorListener = (error: Error) => void;

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

function answeredType(type: number): AnsweredType | 'OTHER' {
  if (type === Packet.TYPE.A) return 'A';
  if (type === Packet.TYPE.AAAA) return 'AAAA';
  if (type === Packet.TYPE.CNAME) return 'CNAME';
  return 'OTHER';
}

function toResource(record: DnsRecord): dns2.Packet.Resource {
  const base = { name: record.name, class: Packet.CLASS.IN, ttl: record.ttl };
  switch (record.type) {
    case 'A':
      return Object.assign(new Packet.Resource(), base, { type: Packet.TYPE.A, address: record.value });
    case 'AAAA':
      return Object.assign(new Packet.Resource(), base, { type: Packet.TYPE.AAAA, address: record.value });
    case 'CNAME':
      return Object.assign(new Packet.Resource(), base, { type: Packet.TYPE.CNAME, domain: record.value });
    default: {
      const unexpected: never = record.type;
      throw new Error(`unexpected DNS record type ${String(unexpected)}`);
    }
  }
}

/** Builds the handler shared by the UDP and TCP listeners; `records()` gives the current index. */
function createHandler(
  records: () => ReadonlyMap<string, ReadonlyArray<DnsRecord>>,
  faultFor: (name: string) => DnsFault | undefined,
  onError: ErrorListener,
) {
  return (request: InstanceType<typeof Packet>, send: Send): void => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const [question] = request.questions;
    const fault = question === undefined ? undefined : faultFor(question.name);
    // A `timeout` fault never answers: the resolver gives up.
    if (fault?.rcode === 'timeout') return;
    if (question === undefined || request.questions.length !== 1) {
      response.header.rcode = RCODE.NOTIMP;
    } else if (fault !== undefined) {
      response.header.rcode = RCODE[fault.rcode];
    } else {
      const result = lookup(records(), question.name, answeredType(question.type));
      response.header.rcode = RCODE[result.rcode];
      response.answers.push(...result.answers.map(toResource));
    }
    send(response).catch(onError);
  };
}

function listenUdp(server: dns2.UDPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.bind(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

function listenTcp(server: dns2.TCPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeUdp(server: dns2.UDPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function closeTcp(server: dns2.TCPServer): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** Tries a few times: with port 0 the UDP port may already be taken for TCP by someone else. */
const BIND_ATTEMPTS = 5;

/**
 * Starts the DNS server on `host:port` for UDP and TCP and resolves once both listen.
 * With port 0 it picks a port free for both protocols.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsSandbox> {
  const host = options.host ?? '127.0.0.1';
  let index = indexRecords(options.world.dns.records);
  let faultPlan = createFaultPlan(options.world.faults);
  let asked: string[] = [];
  const faultFor = (name: string): DnsFault | undefined => {
    asked.push(name);
    return faultPlan.dns(name);
  };
  // NOTE: a UDP client that went away or a malformed query is the client's problem, not the server's.
  const onError = options.onError ?? ((): void => undefined);
  const handler = createHandler(() => index, faultFor, onError);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt += 1) {
    const udp = dns2.createUDPServer({ type: host.includes(':') ? 'udp6' : 'udp4' });
    const tcp = dns2.createTCPServer();
    udp.on('request', handler);
    tcp.on('request', handler);
    udp.on('requestError', onError);
    tcp.on('requestError', onError);
    const port = await listenUdp(udp, options.port ?? 0, host);
    try {
      await listenTcp(tcp, port, host);
    } catch (error) {
      lastError = error;
      await closeUdp(udp);
      if (options.port !== undefined && options.port !== 0) break;
      continue;
    }
    return {
      host,
      port,
      setWorld(world) {
        index = indexRecords(world.dns.records);
        faultPlan = createFaultPlan(world.faults);
      },
      setWorldFaults(faults) {
        faultPlan = createFaultPlan(faults);
      },
      calls: () => [...asked],
      resetCalls() {
        asked = [];
      },
      async close() {
        await Promise.all([closeUdp(udp), closeTcp(tcp)]);
      },
    };
  }
  throw new Error(`cannot listen for DNS on ${host}:${options.port ?? 0} (UDP and TCP)`, { cause: lastError });
}
