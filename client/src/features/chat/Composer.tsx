import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/ui/Announcer';
import { formatBytes } from './fileSize';
import { TooLarge } from './matrix/roomActions';
import type { RoomChatViewModel } from './matrix/roomChatViewModel';
import { useViewModel } from './useViewModel';

interface Upload {
  name: string;
  loaded: number;
  total: number;
  controller: AbortController;
}

const TYPING_REPEAT_MS = 4000;

/** Writing a message: Enter sends, Shift+Enter starts a new line, Escape leaves reply or edit. */
export function Composer({ vm, roomName }: { vm: RoomChatViewModel; roomName: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  // The view-model holds whether this is a new message, a reply or an edit; the text stays here.
  const { composer: mode, uploadLimit: limit, deviceUnconfirmed } = useViewModel(vm);
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<Upload | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typingSince = useRef(0);
  const hintId = useId();
  const problemId = useId();

  useEffect(() => {
    if (mode.kind === 'edit') setText(mode.item.body);
    if (mode.kind !== 'new') input.current?.focus();
  }, [mode]);

  const stopTyping = () => {
    if (typingSince.current === 0) return;
    typingSince.current = 0;
    void vm.setTyping(false);
  };

  const onChange = (value: string) => {
    setText(value);
    setProblem(undefined);
    const now = Date.now();
    if (value.trim() === '') stopTyping();
    else if (now - typingSince.current > TYPING_REPEAT_MS) {
      typingSince.current = now;
      void vm.setTyping(true);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (body === '') return;
    const sending = vm.send(body);
    setText('');
    stopTyping();
    sending.catch(() => {
      setText(body);
      setProblem(deviceUnconfirmed ? t('chat.sendUnconfirmed') : t('chat.sendFailed'));
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && mode.kind !== 'new') {
      event.preventDefault();
      if (mode.kind === 'edit') setText('');
      vm.newMessage();
    }
  };

  const attach = (file: File | undefined) => {
    if (!file) return;
    const controller = new AbortController();
    setProblem(undefined);
    setUpload({ name: file.name, loaded: 0, total: file.size, controller });
    vm.attach(file, {
      signal: controller.signal,
      onProgress: (loaded, total) => setUpload((u) => (u ? { ...u, loaded, total } : u)),
    })
      .then(() => announce(t('chat.upload.done', { name: file.name }), 'ok'))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(
          error instanceof TooLarge
            ? t('chat.upload.tooLarge', {
                name: file.name,
                limit: formatBytes(error.limit, i18n.resolvedLanguage ?? 'de'),
              })
            : t('chat.upload.failed', { name: file.name }),
        );
      })
      .finally(() => setUpload(undefined));
  };

  const percent = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;
  const limitText = limit === undefined ? undefined : formatBytes(limit, i18n.resolvedLanguage ?? 'de');
  return (
    <form className="composer" onSubmit={submit} aria-label={t('chat.composer')}>
      {mode.kind !== 'new' && (
        <div className="composer__context">
          <p>
            {mode.kind === 'reply'
              ? t('chat.replyingTo', { name: mode.item.senderName, text: mode.item.body.slice(0, 80) })
              : t('chat.editing')}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              if (mode.kind === 'edit') setText('');
              vm.newMessage();
            }}
          >
            {t('chat.cancel')}
          </button>
        </div>
      )}
      <label className="visually-hidden" htmlFor={`${hintId}-input`}>
        {t('chat.messageTo', { room: roomName })}
      </label>
      <div className="composer__row">
        <textarea
          id={`${hintId}-input`}
          ref={input}
          className="composer__input"
          rows={2}
          value={text}
          placeholder={t('chat.placeholder')}
          aria-describedby={`${hintId} ${problem ? problemId : ''}`.trim()}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
        />
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            attach(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <button
          type="button"
          className="button"
          onClick={() => fileInput.current?.click()}
          aria-disabled={upload !== undefined}
          disabled={upload !== undefined}
        >
          {t('chat.attach')}
        </button>
        <button type="submit" className="button button--primary">
          {mode.kind === 'edit' ? t('chat.save') : t('chat.send')}
        </button>
      </div>
      <p id={hintId} className="composer__hint">
        {t('chat.hint')} {limitText && t('chat.upload.limit', { limit: limitText })}
      </p>
      {upload && (
        <div className="composer__upload">
          <label htmlFor={`${hintId}-progress`}>{t('chat.upload.progress', { name: upload.name, percent })}</label>
          <progress id={`${hintId}-progress`} max={100} value={percent}>
            {percent} %
          </progress>
          <button type="button" className="button button--small" onClick={() => upload.controller.abort()}>
            {t('chat.upload.cancel')}
          </button>
        </div>
      )}
      {problem && (
        <p id={problemId} className="composer__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
