/**
 * Saved operations GraphiQL opens with: the questions staff and other tools ask most.
 */
export const EXAMPLE_OPERATIONS: { query: string; variables?: string; headers?: string }[] = [
  {
    query: `# Who do we host a PeerTube instance for?
query PeerTubeHosting {
  relations(types: [HOSTING], from: "framasoft", software: "peertube") {
    totalCount
    edges { node { to { name slug } since until description sources { section quote } } }
  }
}`,
  },
  {
    query: `# An entity page: its relations, grouped by type on the client
query EntityPage($slug: String!) {
  entity(slug: $slug) {
    name kind summary aliases
    relations(first: 50) {
      totalCount
      edges { node { type role since until amount currency description
        from { slug name } to { slug name } software { name }
        sources { section quote } } }
    }
    ... on Organisation { category location }
  }
}`,
    variables: JSON.stringify({ slug: 'picasoft' }, null, 2),
  },
  {
    query: `# Accent-insensitive search
query Search($text: String!) {
  search(text: $text, first: 10) { totalCount edges { node { slug name kind } } }
}`,
    variables: JSON.stringify({ text: 'cemea' }, null, 2),
  },
  {
    query: `# How is Framasoft connected to Wikimédia France?
query Path {
  path(from: "framasoft", to: "wikimedia-france") { type from { name } to { name } }
}`,
  },
  {
    query: `# The map's view: the archipelago as it was in 2020
query Map($activeIn: Int) {
  graph(activeIn: $activeIn) {
    nodes { slug name kind }
    edges { type from { slug } to { slug } }
  }
}`,
    variables: JSON.stringify({ activeIn: 2020 }, null, 2),
  },
  {
    query: `# Staff only: put your token in the Headers tab. Read the entity's version first:
# a stale expectedVersion is refused (CONFLICT) instead of overwriting someone's change.
mutation UpdateEntity($input: UpdateEntityInput!) {
  updateEntity(input: $input) {
    entity { slug summary version internalNotes }
    changes { action actor at before after }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          slug: 'picasoft',
          expectedVersion: 1,
          internalNotes: 'Convention renewed; next review in 2022.',
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: 'Bearer <your staff token>' }, null, 2),
  },
];
