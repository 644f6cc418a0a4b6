/**
 * The corrected facts of the report, asked as staff ask them, against the real Neo4j and the real
 * seeds. Every expected value is a literal from the 2020 report (the quote is beside it), never
 * computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { expectData, graphqlClient } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';

const db = useTestDatabase();
const api = graphqlClient(db);

interface Funding {
  from: { slug: string };
  amount: number | null;
  currency: string | null;
  period: string | null;
  note: string | null;
}

async function fundersOfFramasoft(year: number): Promise<Funding[]> {
  const data = expectData(
    await api.request(
      `query($year: Int) {
        relations(types: [FUNDING], to: "framasoft", activeIn: $year, first: 100) {
          edges { node { from { slug } amount currency period note } }
        }
      }`,
      { year },
    ),
  );
  return data.relations.edges.map((e: { node: Funding }) => e.node);
}

const line = (f: Funding) => `${f.from.slug} ${f.amount} ${f.currency} ${f.period}`;

describe('who funds Framasoft, how much, per year (section « Produits »)', () => {
  it('in 2020: the donations and collections, the FPH and the FDVA 2 grant', async () => {
    const funders = await fundersOfFramasoft(2020);
    expect(funders.map(line).sort()).toEqual([
      // « 4 000 € de subventions […] au titre du « FDVA 2 » […] (DDJSCS) »
      'ddjscs-du-rhone 4000 EUR ONE_OFF',
      // « donations et collectes avec 667 135 € »
      'donateur-ices-de-framasoft 667135 EUR PER_YEAR',
      // « à hauteur de 20 000 € par an sous forme de dons »
      'fondation-charles-leopold-meyer-pour-le-progres-de-l-homme 20000 EUR PER_YEAR',
    ]);
  });

  it('in 2020 the amounts match the shares the report gives of its 713 695 € of resources', async () => {
    const byFunder = new Map((await fundersOfFramasoft(2020)).map((f) => [f.from.slug, f]));
    const resources = 713_695; // « Les ressources de l'association s'élèvent à 713 695 € en 2020 »
    const share = (slug: string) => (byFunder.get(slug)!.amount! / resources) * 100;
    expect(share('donateur-ices-de-framasoft').toFixed(1)).toBe('93.5'); // « qui représentent donc 93,5 % »
    expect(share('ddjscs-du-rhone').toFixed(2)).toBe('0.56'); // « soit 0,56 % de l'ensemble des ressources »
    // « soit environ 3% des recettes de l'année 2020 »
    expect(Math.round(share('fondation-charles-leopold-meyer-pour-le-progres-de-l-homme'))).toBe(3);
    // Paid « sous forme de dons », it is not added to the donations a second time: its note says so.
    expect(byFunder.get('fondation-charles-leopold-meyer-pour-le-progres-de-l-homme')!.note).toMatch(/dons/);
    // The lines that add up: donations and collections plus grants, 94 % of the resources.
    const lines = ['donateur-ices-de-framasoft', 'ddjscs-du-rhone'].map((s) => byFunder.get(s)!.amount!);
    expect(lines.reduce((a, b) => a + b, 0)).toBe(667_135 + 4_000);
  });

  it('in 2019 and 2018: the donations of each year and the FPH; the Fondation Free grant in 2018', async () => {
    expect((await fundersOfFramasoft(2019)).map(line).sort()).toEqual([
      'donateur-ices-de-framasoft 561617 EUR PER_YEAR', // « (561 617 € en 2019 […]) »
      'fondation-charles-leopold-meyer-pour-le-progres-de-l-homme 20000 EUR PER_YEAR',
    ]);
    expect((await fundersOfFramasoft(2018)).map(line).sort()).toEqual([
      'donateur-ices-de-framasoft 457778 EUR PER_YEAR', // « 457 778 € en 2018 »
      'fondation-charles-leopold-meyer-pour-le-progres-de-l-homme 20000 EUR PER_YEAR',
      // « En 2018, Framasoft, en partenariat avec les CÉMÉA, avait reçu 10 000 € de la Fondation Free »
      'fondation-free 10000 EUR ONE_OFF',
    ]);
  });

  it('the FPH gives 20 000 € a year from 2018 to 2020: 60 000 € in all', async () => {
    const data = expectData(
      await api.request(`{
        relations(types: [FUNDING], from: "fondation-charles-leopold-meyer-pour-le-progres-de-l-homme", to: "framasoft") {
          edges { node { amount period since until } }
        }
      }`),
    );
    const [fph] = data.relations.edges.map((e: any) => e.node);
    expect(fph).toEqual({ amount: 20000, period: 'PER_YEAR', since: '2018', until: '2020' });
    // « un soutien de 60 000 €, répartis en 20 000 € annuels »
    expect(fph.amount * (Number(fph.until) - Number(fph.since) + 1)).toBe(60_000);
  });

  it('the 31 000 € for WebRTC & 2FA were raised into a dedicated fund, not spent by Framasoft', async () => {
    const data = expectData(
      await api.request(`{
        relations(types: [FUNDING], to: "webrtc-2fa") { edges { node { from { slug } amount currency period note } } }
      }`),
    );
    // « Framasoft a récolté 31 000 € sur ce projet, placés en fonds dédiés »
    expect(data.relations.edges.map((e: any) => line(e.node))).toEqual(['donateur-ices-de-framasoft 31000 EUR TOTAL']);
    expect(data.relations.edges[0].node.note).toMatch(/fonds dédié/);
  });
});

describe('membership as the report states it', () => {
  it('which structures are CHATONS members? the five abroad, the CÉMÉA and Picasoft', async () => {
    const data = expectData(
      await api.request(
        '{ relations(types: [MEMBERSHIP], to: "chatons", first: 100) { edges { node { from { slug } } } } }',
      ),
    );
    expect(data.relations.edges.map((e: any) => e.node.from.slug).sort()).toEqual([
      'anancus', // « à l'exception de FACIL et Réseau Koumbit (Québec), de Clomut et Stemy (Belgique) et d'Anancus (Suisse) »
      'cemea', // « les CÉMÉA et de l'association Picasoft (toutes deux membres du collectif CHATONS) »
      'clomut',
      'facil',
      'picasoft',
      'reseau-koumbit',
      'stemy',
    ]);
  });

  it('who joined Framasoft in 2020? three members; the three observers are not members', async () => {
    const data = expectData(
      await api.request(
        '{ relations(types: [MEMBERSHIP], to: "framasoft", activeIn: 2020, first: 100) { edges { node { from { slug } since } } } }',
      ),
    );
    const joined = data.relations.edges.filter((e: any) => e.node.since === '2020').map((e: any) => e.node.from.slug);
    // « 3 nouveaux membres : Maiwann, Rigelk et Stph. Ainsi que 3 observateur·ices : Pascal, Marie-Cécile et Audrey. »
    expect(joined.sort()).toEqual(['maiwann', 'rigelk', 'stph']);
    const members = data.relations.edges.map((e: any) => e.node.from.slug);
    for (const observer of ['pascal', 'marie-cecile-godwin', 'audrey-guelou']) expect(members).not.toContain(observer);
  });
});

describe('links the report states', () => {
  it('how is Résistance à l’Agression Publicitaire tied to Pytition? its administrator develops it', async () => {
    const data = expectData(
      await api.request(`{
        rap: relations(from: "resistance-a-l-agression-publicitaire", to: "pytition") { edges { node { type } } }
        admin: relations(types: [MEMBERSHIP], to: "resistance-a-l-agression-publicitaire") { edges { node { role from { slug } } } }
        develops: relations(types: [DEVELOPS], to: "pytition") { edges { node { from { slug } } } }
        meetings: relations(types: [COLLABORATION], from: "framasoft", to: "resistance-a-l-agression-publicitaire") { totalCount }
      }`),
    );
    expect(data.rap.edges.map((e: any) => e.node.type)).toEqual(['CONTRIBUTES_TO']);
    // « un administrateur de RAP ayant déjà largement avancé sur le sujet »
    expect(data.admin.edges.map((e: any) => e.node)).toEqual([
      { role: 'administrateur', from: { slug: 'developpeur-de-pytition' } },
    ]);
    expect(data.develops.edges.map((e: any) => e.node.from.slug)).toEqual(['developpeur-de-pytition']);
    // « réunion avec R.A.P et le développeur »
    expect(data.meetings.totalCount).toBe(1);
  });

  it('what did the Fondation Free fund? the [RÉSOLU] guide, through Framasoft with the CÉMÉA', async () => {
    const data = expectData(
      await api.request(`{
        relations(types: [FUNDING], from: "fondation-free") { edges { node { to { slug } amount since description } } }
      }`),
    );
    const byTarget = new Map(data.relations.edges.map((e: any) => [e.node.to.slug, e.node]));
    expect([...byTarget.keys()].sort()).toEqual(['framasoft', 'resolu']);
    expect(byTarget.get('framasoft')).toMatchObject({ amount: 10000, since: '2018' });
    expect(byTarget.get('resolu')).toMatchObject({ amount: null, since: '2018' });
    expect((byTarget.get('resolu') as { description: string }).description).toMatch(/CÉMÉA/);
  });

  it('the Exodus Privacy agreement is one convention, whose note records the contradiction', async () => {
    const data = expectData(
      await api.request(`{
        relations(types: [FRIENDSHIP_CONVENTION, SUPPORT_CONVENTION], to: "exodus-privacy") {
          edges { node { type since note } }
        }
      }`),
    );
    expect(data.relations.edges).toHaveLength(1);
    const [{ node }] = data.relations.edges;
    expect(node).toMatchObject({ type: 'SUPPORT_CONVENTION', since: '2020-02' });
    // « ont établi et signé une convention d'amitié » against the list of « Conventions d'accompagnement »
    expect(node.note).toMatch(/convention d'amitié/);
    expect(node.note).toMatch(/conventions d'accompagnement/);
  });

  it('LocauxMotiv houses Framasoft’s office: premises, not a hosted service', async () => {
    const data = expectData(await api.request('{ relations(types: [HOSTING], from: "locauxmotiv") { totalCount } }'));
    expect(data.relations.totalCount).toBe(0);
  });
});

describe('each person once', () => {
  it('no two people share a name or a first name; nicknames are aliases', async () => {
    const data = expectData(
      await api.request(
        '{ entities(kinds: [PERSON], first: 100) { totalCount edges { node { slug name aliases } } } }',
      ),
    );
    const people = data.entities.edges.map((e: any) => e.node) as { slug: string; name: string; aliases: string[] }[];
    expect(people).toHaveLength(data.entities.totalCount);
    const names = people.flatMap((p) => [p.name, ...p.aliases].map((n) => ({ slug: p.slug, name: n.toLowerCase() })));
    for (const a of names) {
      for (const b of names) {
        if (a.slug === b.slug) continue;
        expect(a.name, `${a.slug} / ${b.slug}`).not.toBe(b.name);
        if (!a.name.includes(' ')) expect(b.name.startsWith(`${a.name} `), `${a.slug} / ${b.slug}`).toBe(false);
      }
    }
    const bySlug = new Map(people.map((p) => [p.slug, p]));
    // « Marie-Cécile » the observer and « Marie-Cécile Godwin » the designer; « Yann » and « Yann Kervran ».
    expect(bySlug.has('marie-cecile')).toBe(false);
    expect(bySlug.has('yann')).toBe(false);
    expect(bySlug.get('marie-cecile-godwin')?.aliases).toContain('Marie-Cécile');
    expect(bySlug.get('yann-kervran')?.aliases).toContain('Yann');
    // « Stéphane, membre de Framasoft » is Stph; « Framatophe » is Christophe Masutti.
    expect(bySlug.get('stph')?.aliases).toContain('Stéphane');
    expect(bySlug.get('christophe-masutti')?.aliases).toContain('Framatophe');
  });
});
