// The theme's colours as the browser resolves them. A custom property read directly gives its
// declared text (`light-dark(#1b2330, #e6ebf2)`), which canvas libraries cannot parse: a probe
// element coloured with the property gives the colour in force (rgb), for the current theme.

/** The colour `var(name)` resolves to now, else `fallback`. */
export function themeColor(name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.hidden = true;
  probe.style.color = `var(${name}, ${fallback})`;
  document.body.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || fallback;
}
