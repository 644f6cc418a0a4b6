/**
 * Saved operations GraphiQL opens with: the questions staff and other tools ask most.
 */
export const EXAMPLE_OPERATIONS: { query: string; variables?: string; headers?: string }[] = [
  {
    query: `# Who do we host a PeerTube instance for?
query PeerTubeHosting {
  relations(types: [HOSTING], from: "framasoft", software: "peertube") {
    totalCount
    edges { node { to { name slug } since until resource description sources { section quote } } }
  }
}`,
  },
  {
    query: `# Who hosts an instance of this software, for whom, since when? (the software's page)
query SoftwareInstances($slug: String!) {
  entity(slug: $slug) {
    name
    ... on Project {
      hostedInstances { totalCount edges { node { from { name } to { name } since until } } }
    }
  }
}`,
    variables: JSON.stringify({ slug: 'etherpad' }, null, 2),
  },
  {
    query: `# An entity page: every relation type with its count and first page (none left out);
# a group goes on with relations(types: [TYPE], after: <its endCursor>)
query EntityPage($slug: String!) {
  entity(slug: $slug) {
    name kind summary aliases
    relations { totalCount }
    relationGroups(first: 10) {
      type totalCount
      relations {
        pageInfo { hasNextPage endCursor }
        edges { node { type role since until amount currency description
          from { slug name } to { slug name } software { name }
          sources { section quote } } }
      }
    }
    ... on Organisation { category location }
  }
}`,
    variables: JSON.stringify({ slug: 'framasoft' }, null, 2),
  },
  {
    query: `# Who funds Framasoft, and how much? Largest first; those without an amount last
query Funders {
  entity(slug: "framasoft") {
    relations(types: [FUNDING], direction: INCOMING, orderBy: { field: AMOUNT, direction: DESC }, first: 100) {
      totalCount
      edges { node { from { name } amount currency since until description } }
    }
  }
}`,
  },
  {
    query: `# What ended in a given year? (startedIn asks what began)
query Ended($year: Int!) {
  relations(endedIn: $year, orderBy: { field: UNTIL }, first: 100) {
    totalCount
    edges { node { type from { name } to { name } since until } }
  }
}`,
    variables: JSON.stringify({ year: 2020 }, null, 2),
  },
  {
    query: `# Our conventions: friendship and support
query Conventions {
  relations(types: [FRIENDSHIP_CONVENTION, SUPPORT_CONVENTION], first: 100) {
    totalCount
    edges { node { type from { name } to { name } since description } }
  }
}`,
  },
  {
    query: `# Who spoke at this event?
query Speakers($event: String!) {
  entity(slug: $event) {
    name
    relations(types: [SPEAKS_AT], direction: INCOMING, orderBy: { field: NAME }) {
      totalCount
      edges { node { from { name } role } }
    }
    ... on Event { date place format }
  }
}`,
    variables: JSON.stringify({ event: 'mini-village-alternatiba-3-numerique-libre-savoirs-communs' }, null, 2),
  },
  {
    query: `# Which media covered Framasoft, most recent first?
query MediaCoverage {
  entity(slug: "framasoft") {
    relations(types: [INTERVIEWS], direction: INCOMING, orderBy: { field: SINCE, direction: DESC }, first: 100) {
      totalCount
      edges { node { from { name } since description } }
    }
  }
}`,
  },
  {
    query: `# Every software in the archipelago, most connected first
query Software {
  entities(kinds: [PROJECT], categories: ["software"], orderBy: { field: RELATIONS, direction: DESC }, first: 100) {
    totalCount
    edges { node { slug name } }
  }
}`,
  },
  {
    query: `# Accent-insensitive search
query Search($text: String!) {
  search(text: $text, first: 10) { totalCount edges { node { slug name kind } } }
}`,
    variables: JSON.stringify({ text: 'cemea' }, null, 2),
  },
  {
    query: `# How are two partners connected without going through Framasoft? Every tied shortest chain
# ([] when there is none within maxLength)
query Paths($from: String!, $to: String!) {
  paths(from: $from, to: $to, avoid: ["framasoft"], maxLength: 6) {
    length
    relations { type from { name } to { name } }
  }
}`,
    variables: JSON.stringify({ from: 'picasoft', to: 'framabook' }, null, 2),
  },
  {
    query: `# The map's view: the archipelago as it was in 2020
query Map($activeIn: Int) {
  graph(activeIn: $activeIn) {
    nodes { slug name kind }
    edges { type from { slug } to { slug } software { slug } }
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
