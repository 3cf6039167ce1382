import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SofficeConverter } from '../../src/adapters/office/index.js';
import { ConversionSandbox, SandboxUnavailableError } from '../../src/adapters/office/sandbox.js';
import { processesMentioning, type ProcessInfo } from '../support/processes.js';
import { storedZip } from '../support/zipEntries.js';

// Documents an attacker could upload, converted by the real LibreOffice in the real sandbox (ADR 0018).
const run = promisify(execFile);
const soffice = process.env.SOFFICE_PATH ?? 'soffice';
const RUN = Date.now().toString(36);

const ODF_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
].join(' ');

/** A text document (ODT) whose body is `body` (ODF XML of `office:text`). */
function odt(body: string): Buffer {
  return storedZip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    [
      'content.xml',
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES} office:version="1.2">` +
        `<office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ],
    [
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
        '</manifest:manifest>',
    ],
  ]);
}

/** A paragraph with an image that is not in the document but linked to `href`. */
const linkedImage = (href: string): string =>
  '<text:p>Vorher <draw:frame draw:name="Bild" text:anchor-type="as-char" svg:width="12cm" svg:height="2cm">' +
  `<draw:image xlink:href="${href}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>` +
  '</draw:frame> Nachher</text:p>';

const WORD_NAMESPACES = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
].join(' ');
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A Word document (DOCX) with one paragraph around a picture that is linked (not embedded) to `href`. */
function docxWithLinkedImage(href: string): Buffer {
  const size = '<wp:extent cx="3600000" cy="720000"/>';
  const picture =
    `<w:r><w:drawing><wp:inline>${size}<wp:docPr id="1" name="Bild"/><a:graphic>` +
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>' +
    '<pic:nvPicPr><pic:cNvPr id="1" name="Bild"/><pic:cNvPicPr/></pic:nvPicPr>' +
    '<pic:blipFill><a:blip r:link="rIdBild"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>' +
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3600000" cy="720000"/></a:xfrm>' +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>' +
    '</wp:inline></w:drawing></w:r>';
  const text = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
  return storedZip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ],
    [
      'word/_rels/document.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rIdBild" Type="${RELATIONSHIPS}/image" Target="${href}" TargetMode="External"/></Relationships>`,
    ],
    [
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${WORD_NAMESPACES}><w:body>` +
        `<w:p>${text('Vorher ')}${picture}${text(' Nachher')}</w:p></w:body></w:document>`,
    ],
  ]);
}

/** A local listener that records every request and connection it receives. */
async function listener(): Promise<{ port: number; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  server.on('connection', () => requests.push('connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function pdfText(dir: string, pdf: Buffer): Promise<string> {
  const file = path.join(dir, `check-${Date.now()}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

// Each protection holds on its own: the sandbox, and (for platforms that must turn the sandbox
// off) the profile that never loads linked content and the environment of PATH and HOME.
describe.each(['bwrap', 'off'] as const)('LibreOffice conversion of a crafted document (sandbox %s)', (mode) => {
  let temp: string;
  /** Outside every work folder: stands for other tenants' files, the database, the secrets. */
  let elsewhere: string;
  let converter: SofficeConverter;
  const toPdf = (fileName: string, content: Buffer) =>
    converter.convert({ fileName, content }, 'pdf', (out) => buffer(out.stream));

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'office-sandbox-test-'));
    elsewhere = await mkdtemp(path.join(tmpdir(), 'office-elsewhere-'));
    converter = new SofficeConverter({
      sofficePath: soffice,
      timeoutMs: 60_000,
      concurrency: 1,
      tempDir: temp,
      sandbox: { mode, memoryLimitMb: 2048 },
    });
  });
  afterAll(async () => {
    await converter.close();
    await rm(temp, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it.each([
    ['an ODT', 'Einladung.odt', (href: string) => odt(linkedImage(href))],
    ['a DOCX', 'Einladung.docx', docxWithLinkedImage],
  ])(
    'never fetches an image that %s links to on the network',
    async (_kind, fileName, document) => {
      const target = await listener();
      try {
        const pdf = await toPdf(fileName, document(`http://127.0.0.1:${target.port}/bild-${RUN}.png`));
        expect(await pdfText(temp, pdf)).toContain('Vorher Nachher');
        // Give a late request the chance to arrive before looking.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(target.requests).toEqual([]);
      } finally {
        await target.close();
      }
    },
    120_000,
  );

  it('never puts a local file the document links to into the PDF', async () => {
    const marker = `GEHEIM${RUN.toUpperCase()}`;
    const secretFile = path.join(elsewhere, 'vertraulich.svg');
    await writeFile(
      secretFile,
      `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><text x="10" y="50" font-size="32">${marker}</text></svg>`,
    );
    const pdf = await toPdf('Bericht.odt', odt(linkedImage(`file://${secretFile}`)));
    const text = await pdfText(temp, pdf);
    expect(text).toContain('Vorher');
    expect(text).not.toContain(marker);
  }, 120_000);

  it('runs LibreOffice with PATH and HOME only, never with the backend’s secrets', async () => {
    const name = 'ARBEITSBEREICH_TEST_SECRET';
    const secret = `geheim-${RUN}-${'x'.repeat(24)}`;
    process.env[name] = secret;
    const seen = new Map<number, ProcessInfo>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const p of await processesMentioning(converter.root)) if (p.environ.size > 0) seen.set(p.pid, p);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    try {
      await toPdf('Notiz.odt', odt('<text:p>Nur Text</text:p>'));
    } finally {
      watching = false;
      await watch;
      delete process.env[name];
    }
    const processes = [...seen.values()];
    expect(processes.some((p) => p.cmdline.includes('soffice'))).toBe(true);
    for (const p of processes) {
      const environ = [...p.environ].map(([k, v]) => `${k}=${v}`).join('\n');
      expect(environ, p.cmdline).not.toContain(secret);
      expect(p.environ.has(name), p.cmdline).toBe(false);
    }
    // Each gets PATH and HOME, and soffice's start script adds its working folders, locale and
    // file locking for the programs it starts: nothing else.
    const launcherOwn = new Set(['HOME', 'PATH', 'PWD', 'OLDPWD', 'LC_ALL', 'SAL_ENABLE_FILE_LOCKING']);
    for (const p of processes) {
      expect(
        [...p.environ.keys()].filter((k) => !launcherOwn.has(k)),
        p.cmdline,
      ).toEqual([]);
    }
  }, 120_000);
});

describe('The conversion sandbox', () => {
  const sandbox = new ConversionSandbox({ mode: 'bwrap', memoryLimitMb: 1024 });

  /** Runs `sh -c script` as a conversion would run, with `work` mounted writable. */
  const inSandbox = (script: string, work: string) =>
    new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const { command, args, env } = sandbox.command(
        '/bin/sh',
        ['-c', script],
        { readOnly: [], writable: [work] },
        work,
      );
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout }));
    });

  it('shows a conversion its own folder and a read-only system, nothing else of the machine', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'office-sandbox-work-'));
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'office-sandbox-elsewhere-'));
    try {
      await writeFile(path.join(elsewhere, 'secret.txt'), `marker-${RUN}`);
      const { code, stdout } = await inSandbox(
        [
          `cat ${path.join(elsewhere, 'secret.txt')} 2>/dev/null || echo no-secret`,
          `echo written > ${path.join(work, 'out.txt')} && echo work-writable`,
          'echo x > /usr/x 2>/dev/null || echo usr-read-only',
          `test -e ${process.cwd()} || echo no-checkout`,
          'ls /etc',
        ].join('; '),
        work,
      );
      expect(code).toBe(0);
      expect(stdout).not.toContain(`marker-${RUN}`);
      for (const line of ['no-secret', 'work-writable', 'usr-read-only', 'no-checkout']) expect(stdout).toContain(line);
      expect(stdout).not.toMatch(/\b(passwd|shadow|hosts|resolv\.conf)\b/);
    } finally {
      await rm(work, { recursive: true, force: true });
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('gives a conversion no network: a local listener is unreachable', async () => {
    const target = await listener();
    const work = await mkdtemp(path.join(tmpdir(), 'office-sandbox-work-'));
    try {
      // Debian's sh cannot open sockets; bash can, through /dev/tcp.
      const { stdout } = await inSandbox(
        `bash -c 'echo hello > /dev/tcp/127.0.0.1/${target.port}' 2>/dev/null && echo reached || echo unreachable`,
        work,
      );
      expect(stdout.trim()).toBe('unreachable');
      expect(target.requests).toEqual([]);
    } finally {
      await target.close();
      await rm(work, { recursive: true, force: true });
    }
  });

  it('limits a conversion’s address space', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'office-sandbox-work-'));
    try {
      // `ulimit -v` counts KB.
      expect((await inSandbox('ulimit -v', work)).stdout.trim()).toBe(String(1024 * 1024));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('is checked at start: without a working bubblewrap the message names the setting that turns it off', async () => {
    await expect(sandbox.check()).resolves.toBeUndefined();
    const missing = new ConversionSandbox({ mode: 'bwrap', bwrapPath: '/nonexistent/bwrap', memoryLimitMb: 1024 });
    const failure = missing.check();
    await expect(failure).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(failure).rejects.toThrow(/bubblewrap.*CONVERSION_SANDBOX=off/s);
  });
});
