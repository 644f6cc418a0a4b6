/**
 * Turns Nagle's algorithm off on the sockets neo4j-driver opens, as Node's own HTTP client does
 * and as the Python driver does since 5.27 (the JavaScript driver offers no option for it).
 *
 * Why: the driver writes a Bolt message in chunks of 1,400 bytes, one socket write each. With
 * Nagle on, the second write of a message waits until the first is acknowledged, and Neo4j, which
 * has nothing to answer yet, delays that acknowledgement by 40 ms (Linux). Every statement over
 * about 1.4 kB (the map view's, the read-ahead lists', a path with its projections) paid those
 * 40 ms: the path question took 50 ms where the same Cypher, written shorter, took 2.
 *
 * The driver looks `net.connect` and `tls.connect` up on each new connection, so wrapping them
 * reaches its sockets; other clients of these functions get no-delay sockets too, which is what
 * request/response protocols want (undici sets it on its own).
 *
 * Usage: `disableNagleForNewSockets()` before the driver connects (createDriver calls it).
 */
import net from 'node:net';
import tls from 'node:tls';

let done = false;

/** Wraps `net.connect` and `tls.connect` once, so that every socket they open has TCP_NODELAY. */
export function disableNagleForNewSockets(): void {
  if (done) return;
  done = true;
  const connect = net.connect;
  net.connect = function (this: unknown, ...args: unknown[]) {
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args).setNoDelay(true);
  } as typeof net.connect;
  const tlsConnect = tls.connect;
  tls.connect = function (this: unknown, ...args: unknown[]) {
    return (tlsConnect as (...a: unknown[]) => tls.TLSSocket).apply(this, args).setNoDelay(true) as tls.TLSSocket;
  } as typeof tls.connect;
}
