/**
 * The bench's peer (@neo4j/graphql over the same Neo4j, bench/peer.ts) must answer the questions
 * it is timed on with Archipel's data. `bench:api` checks this before timing too; here it runs with
 * every test run, so that a change in how Archipel stores the graph that the peer's type
 * definitions no longer read fails at once, not at the next benchmark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../bench/peer.js';
import { type BenchQuery, hosting, partners, search } from '../bench/queries.js';
import { expectData, type GraphQLResponse, graphqlClient } from './support/graphql.js';
import { openTestDatabase } from './support/neo4j.js';

const { driver, db } = openTestDatabase();
let peer: Awaited<ReturnType<typeof startPeer>>;
beforeAll(async () => {
  peer = await startPeer(driver, process.env.NEO4J_DATABASE ?? 'neo4j');
});
afterAll(async () => {
  await peer.close();
  await driver.close();
});

/** Both answers to a question the peer can ask, the peer's shaped as Archipel's `data`. */
async function bothAnswers(question: BenchQuery) {
  if ('cannot' in question.peer) throw new Error(`${question.key}: the peer cannot ask it`);
  const archipel = expectData(await graphqlClient(db).request(question.graphql.query, question.graphql.variables));
  const response = await fetch(peer.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: question.peer.query, variables: question.peer.variables }),
  });
  const peerData = expectData((await response.json()) as GraphQLResponse);
  return { archipel, peer: question.peer.shape(peerData) };
}

describe('the bench peer (@neo4j/graphql) answers as Archipel does', () => {
  it("the hosting list: framasoft's four PeerTube instances, undated ones last", async () => {
    const answers = await bothAnswers(hosting('framasoft', 'peertube'));
    expect(answers.peer).toEqual(answers.archipel);
    const { relations } = answers.archipel as { relations: { totalCount: number; edges: { node: any }[] } };
    expect(relations.totalCount).toBe(4);
    expect(relations.edges.map((e) => [e.node.to.slug, e.node.since])).toEqual([
      ['imagotv', '2019-12'],
      ['free-software-foundation', '2020'],
      ['datagueule', null],
      ['thinkerview', null],
    ]);
  });

  it("the partner list: every ARCHIPELAGO relation framasoft starts, by the partner's name", async () => {
    const answers = await bothAnswers(partners('framasoft'));
    expect(answers.peer).toEqual(answers.archipel);
    const { relations } = answers.archipel as { relations: { totalCount: number; edges: { node: any }[] } };
    expect(relations.edges).toHaveLength(relations.totalCount);
    expect(relations.edges.map((e) => e.node.to.slug)).toContain('exodus-privacy');
  });

  it('search: the same ten entities through the same full-text index', async () => {
    const question = search('peertube');
    const answers = await bothAnswers(question);
    expect(question.canonical!(answers.peer)).toEqual(question.canonical!(answers.archipel));
    const { search: found } = answers.archipel as { search: { edges: { node: { slug: string } }[] } };
    expect(found.edges[0]!.node.slug).toBe('peertube');
  });
});
