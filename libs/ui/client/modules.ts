// Page modules load on demand: an element with data-module="<name>" gets that module's `mount`.
type Mount = (element: HTMLElement) => void;

const MODULES: Record<string, () => Promise<{ mount: Mount }>> = {};

/** Registers a page module (done by each module's import site below). */
export function registerModule(name: string, load: () => Promise<{ mount: Mount }>): void {
  MODULES[name] = load;
}

export function loadModules(root: HTMLElement): void {
  const elements = [
    ...(root.matches('[data-module]') ? [root] : []),
    ...root.querySelectorAll<HTMLElement>('[data-module]'),
  ];
  for (const element of elements) {
    if (element.dataset.mounted) continue;
    const load = MODULES[element.dataset.module ?? ''];
    if (!load) continue;
    element.dataset.mounted = 'true';
    load().then(
      (module) => module.mount(element),
      (error: unknown) => {
        element.dataset.mounted = 'error';
        element.textContent = `This view could not load: ${String(error)}`;
      },
    );
  }
}

registerModule('io-form', () => import('./io-form'));
