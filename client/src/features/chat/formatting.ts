import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import * as linkify from 'linkifyjs';

/**
 * Messages with formatting: Markdown typed in the composer becomes Matrix's HTML body
 * (`org.matrix.custom.html`), and any HTML body received is cleaned by a kept sanitiser to the
 * tags the Matrix specification suggests, before it is shown. Links open in a new tab, never send
 * the workspace's address, and nothing is fetched from their hosts.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Raw HTML is never taken from what a person types, and images are not embedded.
markdown.disable(['image']);

/** Tags and attributes a message may keep (Matrix client-server API, "m.room.message" HTML). */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'del',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'p',
    'a',
    'ul',
    'ol',
    'sup',
    'sub',
    'li',
    'b',
    'i',
    'u',
    'strong',
    'em',
    's',
    'strike',
    'code',
    'hr',
    'br',
    'div',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'pre',
    'span',
    'details',
    'summary',
  ],
  allowedAttributes: { a: ['href'], ol: ['start'], code: ['class'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Dropped with their content: a reply's quoted fallback (shown from the event it answers instead).
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'mx-reply'],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  },
  disallowedTagsMode: 'discard',
};

/** Cleans an HTML message body for showing: only the allowed tags, links made safe. */
export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, {
    ...allowed,
    allowedAttributes: { ...allowed.allowedAttributes, a: ['href', 'rel', 'target'] },
  });
}

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML body of what a person typed, or undefined when the Markdown changes nothing (plain
 * text stays a plain message, as every client shows it anyway).
 */
export function markdownToHtml(body: string): string | undefined {
  const rendered = markdown.render(body).trim();
  const plain = `<p>${escapeText(body).replace(/\n/g, '<br>\n')}</p>`;
  if (rendered === plain) return undefined;
  // Single paragraphs are sent without their <p>, as Element does.
  const single = /^<p>([\s\S]*)<\/p>$/.exec(rendered);
  const html = single && !single[1]!.includes('<p>') ? single[1]! : rendered;
  return sanitizeHtml(html, allowed);
}

/** Plain text cut into runs, the web addresses and e-mail addresses among them as links. */
export function linkedText(text: string): { text: string; href?: string }[] {
  const found = linkify.find(text).filter((l) => l.type === 'url' || l.type === 'email');
  const runs: { text: string; href?: string }[] = [];
  let at = 0;
  for (const link of found) {
    if (link.start > at) runs.push({ text: text.slice(at, link.start) });
    const safe = /^(https?:|mailto:)/i.test(link.href);
    runs.push(safe ? { text: link.value, href: link.href } : { text: link.value });
    at = link.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}
