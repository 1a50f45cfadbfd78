// A page module lives as long as its element. hx-boost swaps the page's body without reloading
// the document, so what a module hangs on the document (observers, listeners, render loops) has
// to be let go once its element is swapped out, else each visit adds one more.
const SWAPS = ['htmx:afterSwap', 'htmx:historyRestore'] as const;

/** Calls `dispose` once, after the swap that takes `el` out of the document. */
export function whenDetached(el: HTMLElement, dispose: () => void): void {
  const check = (): void => {
    if (el.isConnected) return;
    for (const swap of SWAPS) document.removeEventListener(swap, check);
    dispose();
  };
  for (const swap of SWAPS) document.addEventListener(swap, check);
}
