/**
 * A text document as the editor's HTML: headings, emphasis, lists, a quote,
 * code, a link and German letters — what an export must carry over.
 */
export const sampleHtml = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Protokoll</title></head><body>
<h1>Protokoll der Sitzung</h1>
<h2>Tagesordnung für Ämter</h2>
<p>Die <strong>Größenordnung</strong> ist <em>übersichtlich</em>: ÄÖÜ äöü ß.</p>
<ul><li>Erster Punkt Haushalt</li><li>Zweiter Punkt Straßenbau</li></ul>
<ol><li>Nummer eins Bürgerbüro</li><li>Nummer zwei Öffnungszeiten</li></ol>
<blockquote><p>Zitat der Bürgermeisterin</p></blockquote>
<pre><code>const gruß = 'Hallo';</code></pre>
<p>Mehr unter <a href="https://example.org/beschluss">Beschlussvorlage</a>.</p>
</body></html>`;

/** Words of the sample each conversion must keep. */
export const sampleWords = [
  'Protokoll der Sitzung',
  'Tagesordnung für Ämter',
  'Größenordnung',
  'übersichtlich',
  'ÄÖÜ äöü ß',
  'Erster Punkt Haushalt',
  'Zweiter Punkt Straßenbau',
  'Nummer zwei Öffnungszeiten',
  'Zitat der Bürgermeisterin',
  "const gruß = 'Hallo';",
  'Beschlussvorlage',
];
