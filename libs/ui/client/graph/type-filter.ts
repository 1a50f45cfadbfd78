// The "Entity types shown" checkboxes: unchecking a type hides its nodes (and so their edges).
import type { Core, NodeCollection } from 'cytoscape';
import { colourOf } from './graph-style';

export class TypeFilter {
  private readonly box: HTMLFieldSetElement | null;
  private readonly hidden = new Set<string>();
  private readonly known = new Set<string>();

  constructor(
    el: HTMLElement,
    private readonly cy: Core,
    private readonly changed: () => void,
  ) {
    this.box = el.querySelector<HTMLFieldSetElement>('.graph-types');
    this.box?.querySelector('.muted')?.remove();
    this.box?.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.type !== 'checkbox') return;
      if (input.checked) this.hidden.delete(input.value);
      else this.hidden.add(input.value);
      this.apply(this.cy.nodes(`[type = ${JSON.stringify(input.value)}]`));
      this.changed();
    });
  }

  /** Adds a checkbox (checked) for each type not listed yet. */
  addTypes(types: readonly string[]): void {
    if (!this.box) return;
    for (const type of types) {
      if (this.known.has(type)) continue;
      this.known.add(type);
      const label = document.createElement('label');
      label.className = 'graph-type';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = true;
      input.value = type;
      input.name = 'graph-type';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      // CSSOM property, not a style attribute: allowed by the CSP.
      swatch.style.backgroundColor = colourOf(type);
      label.append(input, swatch, document.createTextNode(type.replace(/-/g, ' ')));
      this.box.append(label);
    }
  }

  /** Shows or hides these nodes by their type's checkbox. */
  apply(nodes: NodeCollection): void {
    this.cy.batch(() => {
      nodes.forEach((node) => {
        node.toggleClass('filtered', this.hidden.has(String(node.data('type'))));
      });
    });
  }
}
