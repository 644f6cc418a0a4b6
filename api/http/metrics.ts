/**
 * Prometheus metrics, served at /metrics: requests, latency, errors by code, Cypher round trips,
 * documents compiled.
 * Each server gets its own registry so that several can live in one process (tests).
 */
import type { Plugin } from 'graphql-yoga';
import { Counter, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: 'archipel_http_requests_total',
    help: 'GraphQL HTTP requests by method and status',
    labelNames: ['method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'archipel_http_request_duration_seconds',
    help: 'GraphQL HTTP request latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'archipel_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const roundTrips = new Counter({
    name: 'archipel_cypher_round_trips_total',
    help: 'Cypher statements sent to Neo4j',
    registers: [registry],
  });
  const compiledDocuments = new Counter({
    name: 'archipel_graphql_compiled_documents_total',
    help: 'GraphQL documents compiled by graphql-jit (each once, when it comes back)',
    registers: [registry],
  });

  const started = new WeakMap<Request, number>();
  const plugin: Plugin = {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onExecutionResult({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        for (const e of (r as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []) {
          errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
        }
      }
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start !== undefined) latency.observe((performance.now() - start) / 1000);
      requests.inc({ method: request.method, status: String(response.status) });
    },
  };
  return { registry, plugin, roundTrips, compiledDocuments };
}

export type Metrics = ReturnType<typeof createMetrics>;
