import { describe, expect, it } from 'vitest';
import { linkedText, markdownToHtml, sanitizeMessageHtml } from './formatting';

describe('formatted messages', () => {
  it('sends Markdown as HTML, and plain text as plain text', () => {
    expect(markdownToHtml('Nur Text, ohne alles')).toBeUndefined();
    expect(markdownToHtml('**Wichtig:** bis _Freitag_')).toBe('<strong>Wichtig:</strong> bis <em>Freitag</em>');
    expect(markdownToHtml('Siehe https://example.org/a?b=1')).toBe(
      'Siehe <a href="https://example.org/a?b=1">https://example.org/a?b=1</a>',
    );
    expect(markdownToHtml('- eins\n- zwei')).toBe('<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>');
    expect(markdownToHtml('`code` und <b>roh</b>')).toBe('<code>code</code> und &lt;b&gt;roh&lt;/b&gt;');
    expect(markdownToHtml('![Bild](https://example.org/x.png)')).not.toContain('<img');
  });

  it('shows only the allowed tags of a received HTML body, links made safe', () => {
    const shown = sanitizeMessageHtml(
      '<p onclick="alert(1)">Hallo <script>alert(1)</script><img src="https://tracker.example/x.png">' +
        '<a href="javascript:alert(1)">klick</a> <a href="https://example.org" target="_self">Seite</a>' +
        '<mx-reply><blockquote>alt</blockquote></mx-reply><iframe src="https://example.org"></iframe></p>',
    );
    expect(shown).toBe(
      '<p>Hallo <a rel="noopener noreferrer nofollow" target="_blank">klick</a> ' +
        '<a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">Seite</a></p>',
    );
  });

  it('finds web and e-mail addresses in plain text, and nothing else', () => {
    expect(linkedText('Protokoll unter www.example.org/p, Fragen an amt@example.de.')).toEqual([
      { text: 'Protokoll unter ' },
      { text: 'www.example.org/p', href: 'http://www.example.org/p' },
      { text: ', Fragen an ' },
      { text: 'amt@example.de', href: 'mailto:amt@example.de' },
      { text: '.' },
    ]);
    expect(linkedText('ohne Adresse')).toEqual([{ text: 'ohne Adresse' }]);
  });
});
