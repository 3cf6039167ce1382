import { Router, type Request, type Response } from 'express';
import {
  checkFileInfo,
  getFileContents,
  openWopiSession,
  putFileContents,
  WopiUnauthorized,
  type WopiDeps,
} from '../../commands/documents/wopi.js';
import { DomainError } from '../../domain/errors.js';
import { TooLargeError } from '../../domain/ports/files.js';
import { sendFile } from '../fileResponse.js';

/** The token as WOPI clients send it: the `access_token` query parameter, or a bearer header. */
function tokenOf(req: Request): string | undefined {
  const query = req.query.access_token;
  if (typeof query === 'string' && query !== '') return query;
  const header = req.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

const statusOf = (error: unknown): number => {
  if (error instanceof WopiUnauthorized) return 401;
  if (error instanceof TooLargeError) return 413;
  if (error instanceof DomainError) {
    return {
      'not-found': 404,
      forbidden: 401,
      conflict: 409,
      invalid: 400,
      gone: 404,
      unavailable: 503,
      'too-large': 413,
    }[error.kind];
  }
  return 500;
};

/**
 * The WOPI host: the office suite (Collabora Online) calls these routes
 * server-to-server with the access token it got from the app's frame. No
 * session cookie, no CSRF token: the signed token is the only credential, and
 * every call re-checks the policy. See docs/wopi.md.
 */
export function wopiRoutes(deps: WopiDeps, log: (error: unknown) => void): Router {
  const router = Router();
  const handle =
    (work: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response): void => {
      res.setHeader('Cache-Control', 'no-store');
      work(req, res).catch((error: unknown) => {
        const status = statusOf(error);
        if (status === 500) log(error);
        if (!res.headersSent) res.status(status).end();
        else res.destroy();
      });
    };
  const session = (req: Request) => openWopiSession(deps, tokenOf(req), String(req.params.fileId), Date.now());

  // CheckFileInfo
  router.get(
    '/files/:fileId',
    handle(async (req, res) => {
      res.json(checkFileInfo(await session(req), deps.publicUrl));
    }),
  );
  // GetFile
  router.get(
    '/files/:fileId/contents',
    handle(async (req, res) => {
      const s = await session(req);
      const file = await getFileContents(deps, s);
      res.setHeader('X-WOPI-ItemVersion', file.version);
      await sendFile(
        res,
        { stream: file.stream, size: file.size, fileName: s.entry.name, contentType: 'application/octet-stream' },
        { disposition: 'attachment' },
      );
    }),
  );
  // PutFile (X-WOPI-Override: PUT). Locks are not supported (CheckFileInfo says so), so no lock is compared.
  router.post(
    '/files/:fileId/contents',
    handle(async (req, res) => {
      const s = await session(req);
      const override = req.get('x-wopi-override');
      if (override !== undefined && override !== 'PUT') {
        res.status(501).end();
        return;
      }
      const versionId = await putFileContents(deps, s, req);
      res.setHeader('X-WOPI-ItemVersion', versionId);
      res.status(200).json({ LastModifiedTime: new Date().toISOString() });
    }),
  );
  // Lock, Unlock, PutRelativeFile and the rest: not implemented.
  router.post('/files/:fileId', (_req, res) => {
    res.status(501).end();
  });
  return router;
}
