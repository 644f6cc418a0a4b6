/**
 * What the network's structure changes in the picture and the panel: node colours by community,
 * node sizes by betweenness, and the measures shown in an entity's panel. Each map is built once
 * per loaded graph and handed to the map as the same object, so re-applying a view costs nothing.
 */
import type { DetailsContent, EntityMeasures } from './details.js';
import { MAX_SIZE, MIN_SIZE } from './elements.js';
import type { MapView } from './map.js';
import type { Network } from './network.js';
import { communityColor } from './style.js';
import type { ViewState } from './url-state.js';

export class Looks {
  private network: Network | null = null;
  private colors: Map<string, string> | null = null;
  private sizes: Map<string, number> | null = null;

  draw(map: MapView, network: Network | null, state: Pick<ViewState, 'groups' | 'sizeBy'>): void {
    if (network !== this.network) {
      this.network = network;
      this.colors = null;
      this.sizes = null;
    }
    map.colourBy(network && state.groups ? this.colorsOf(network) : null);
    map.sizeBy(network && state.sizeBy === 'betweenness' ? this.sizesOf(network) : null);
  }

  private colorsOf(network: Network): Map<string, string> {
    if (!this.colors) {
      const { of } = network.communitiesOf();
      this.colors = new Map([...of].map(([slug, index]) => [slug, communityColor(index)]));
    }
    return this.colors;
  }

  /** Square root of the share of the highest betweenness, as ties are: the few bridges stand out, the rest stay legible. */
  private sizesOf(network: Network): Map<string, number> {
    if (!this.sizes) {
      const values = network.betweennessOfAll();
      const top = Math.max(...values.values(), Number.EPSILON);
      this.sizes = new Map(
        [...values].map(([slug, value]) => [
          slug,
          Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(value / top)),
        ]),
      );
    }
    return this.sizes;
  }

  /** An entity's panel content with its place in the network (`null` when the loaded graph lacks it). */
  withMeasures(content: DetailsContent | null, network: Network | null): DetailsContent | null {
    if (content?.kind !== 'entity' || !network) return content;
    const slug = content.entity.slug;
    const measures = network.measuresOf(slug);
    if (!measures) return content;
    const index = network.communitiesOf().of.get(slug);
    const group = index === undefined ? undefined : network.communitiesOf().groups[index];
    const full: EntityMeasures = {
      ...measures,
      community: group ? { index: group.index, lead: group.lead, size: group.members.length } : null,
    };
    return { ...content, measures: full };
  }
}
