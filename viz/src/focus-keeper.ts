/**
 * Where the keyboard focus goes when the details panel opens and closes. Choosing an entity
 * moves the focus to its panel's title (a screen reader then reads the title out), and closing
 * the panel brings it back to where it was before, or to the map. The panel's content arrives
 * later than the choice, so the move waits for `settle`, called after every redraw.
 */
/** Room left between the framed map and the controls riding on the sheet. */
const RIDING_MARGIN_PX = 8;

export class FocusKeeper {
  private pending: 'panel' | 'back' | null = null;
  private returnTo: HTMLElement | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly fallback: HTMLElement,
    /** Controls that ride on top of the sheet (the map's buttons on a phone), if any. */
    private readonly ridingOnSheet: () => HTMLElement | null = () => null,
  ) {}

  /** The next panel drawn takes the focus; the focus comes back here when it closes. */
  toPanel(): void {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !this.panel.contains(active)) {
      this.returnTo = active;
    }
    this.pending = 'panel';
  }

  /** The panel is closing: the focus goes back where it was. */
  back(): void {
    this.pending = 'back';
  }

  /** Moves the focus once the panel shows what it was asked for. */
  settle(): void {
    if (!this.pending) return;
    if (this.pending === 'panel') {
      if (this.panel.hidden || this.panel.querySelector('[aria-busy="true"]')) return;
      const title =
        this.panel.querySelector<HTMLElement>('#details-title') ?? this.panel.querySelector<HTMLElement>('button');
      if (!title) return;
      this.pending = null;
      if (!title.hasAttribute('tabindex') && title.tagName !== 'BUTTON') title.tabIndex = -1;
      title.focus({ preventScroll: true });
      return;
    }
    this.pending = null;
    const target = this.returnTo?.isConnected && this.returnTo.offsetParent !== null ? this.returnTo : this.fallback;
    this.returnTo = null;
    target.focus({ preventScroll: true });
  }

  /**
   * How much of the map a bottom sheet (the panel on a phone) covers, in pixels, with the
   * controls riding on top of it: the camera frames the focused entity in the part left clear.
   */
  sheetOverlap(): number {
    if (this.panel.hidden || getComputedStyle(this.panel).position !== 'fixed') return 0;
    const map = this.fallback.getBoundingClientRect();
    // The sheet grows once the entity arrives: frame for its full height, not the "loading" line.
    const tallest = Number.parseFloat(getComputedStyle(this.panel).maxHeight);
    let top = Number.isFinite(tallest) ? window.innerHeight - tallest : this.panel.getBoundingClientRect().top;
    const riding = this.ridingOnSheet()?.getBoundingClientRect();
    // Only controls sitting on the sheet's edge count, not ones placed elsewhere on the map.
    if (riding && riding.height > 0 && riding.bottom <= top + 1 && riding.bottom >= top - 48) {
      top = riding.top - RIDING_MARGIN_PX;
    }
    return Math.max(0, map.bottom - Math.max(map.top, top));
  }
}
