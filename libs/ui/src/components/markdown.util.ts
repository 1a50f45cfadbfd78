import MarkdownIt from 'markdown-it';

// Descriptions are Markdown written by anyone who can edit (or any feed): raw HTML is escaped,
// links are limited by markdown-it's link validation (no javascript:, vbscript:, file: or data:
// other than images), and every link opens without a referrer.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown as safe HTML (to be inserted unescaped: it escapes every raw tag itself). */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
