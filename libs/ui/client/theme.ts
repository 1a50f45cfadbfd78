// Light, dark or the system's theme: the choice is a cookie so the server renders it (no flash).
const THEMES = ['system', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

function currentTheme(): Theme {
  const value = document.documentElement.dataset.theme;
  return THEMES.find((t) => t === value) ?? 'system';
}

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.cookie = `threatloom.theme=${theme}; path=/; max-age=31536000; samesite=lax`;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.setAttribute('aria-label', `Theme: ${theme} (change)`);
    button.dataset.current = theme;
  }
}

export function bindThemeToggle(): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest('[data-theme-toggle]');
    if (!button) return;
    event.preventDefault();
    const next = THEMES[(THEMES.indexOf(currentTheme()) + 1) % THEMES.length] ?? 'system';
    applyTheme(next);
  });
}
