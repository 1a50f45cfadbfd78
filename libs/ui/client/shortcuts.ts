// Keyboard: "/" focuses the global search, Escape leaves it.
export function bindShortcuts(): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing =
      target?.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '');
    if (event.key === '/' && !typing) {
      const search = document.getElementById('global-search');
      if (search) {
        event.preventDefault();
        search.focus();
      }
    } else if (event.key === 'Escape' && target?.id === 'global-search') {
      target.blur();
    }
  });
}
