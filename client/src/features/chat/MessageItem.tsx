import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { AttachmentView } from './AttachmentView';
import type { RoomChatViewModel } from './matrix/roomChatViewModel';
import { isReadable, type TimelineItem } from './matrix/timeline';
import type { DocumentCard } from './documentCard';
import type { MeetingNotice } from './meetingNotice';
import { useNoticeDetail } from './noticeDetails';
import { Link } from '../../lib/router/Link';
import { paths } from '../../lib/router/paths';

export const QUICK_REACTIONS = ['👍', '✅', '😄', '🎉', '❤️', '👀'] as const;

interface Props {
  vm: RoomChatViewModel;
  item: TimelineItem;
  /** The same sender as the message before: the name is not repeated. */
  continued: boolean;
  /** Decrypted, but sent from a device its sender has not confirmed. */
  unconfirmedSender: boolean;
  canModerate: boolean;
  canSend: boolean;
}

function MembershipLine({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  if (!item.membership) return null;
  return (
    <p className="message message--event">
      {t(`chat.membership.${item.membership.change}`, { name: item.membership.target, by: item.senderName })}
    </p>
  );
}

/** A shared document: its name, loaded from the workspace, as a link into the room's library, inside the app. */
function DocumentCardView({ card }: { card: DocumentCard }) {
  const { t } = useTranslation();
  const loaded = useNoticeDetail(
    (details) => details.entry(card.roomId, card.entryId),
    `${card.roomId}/${card.entryId}`,
  );
  const entry = loaded.state === 'done' ? loaded.value : undefined;
  const kind = entry?.kind ?? card.kind;
  const name =
    entry?.name ??
    card.name ??
    (loaded.state === 'loading' ? t('chat.documentCard.loading') : t('chat.documentCard.unavailable'));
  return (
    <div className="document-card" data-testid="document-card">
      <p className="document-card__label">{t(`chat.documentCard.${kind === 'text' ? 'text' : 'file'}`)}</p>
      <p className="document-card__name">
        <Link to={paths.document(card.roomId, card.entryId)}>{name}</Link>
      </p>
    </div>
  );
}

/** A meeting's start or end, with the names of the people from the room's member list. */
function MeetingNoticeView({ notice }: { notice: MeetingNotice }) {
  const { t } = useTranslation();
  const ids = notice.event === 'started' ? [notice.by] : notice.participants;
  const loaded = useNoticeDetail(
    (details) => details.memberNames(notice.roomId, ids),
    `${notice.roomId}:${ids.join(',')}`,
  );
  if (loaded.state === 'loading') {
    return <p className="message__body">{t(`chat.meetingNotice.${notice.event}Plain`)}</p>;
  }
  const nameOf = (id: string) =>
    (loaded.state === 'done' ? loaded.value.get(id) : undefined) ?? t('chat.meetingNotice.someone');
  return (
    <p className="message__body">
      {notice.event === 'started'
        ? t('chat.meetingNotice.started', { name: nameOf(notice.by) })
        : t('chat.meetingNotice.ended', { names: notice.participants.map(nameOf).join(', ') })}
    </p>
  );
}

function Body({ vm, item }: { vm: RoomChatViewModel; item: TimelineItem }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case 'redacted':
      return <p className="message__body message__body--muted">{t('chat.deleted')}</p>;
    case 'undecryptable':
      return (
        <p className="message__body message__body--muted">
          {item.fromUnconfirmedDevice ? t('chat.undecryptableInsecure') : t('chat.undecryptable')}
        </p>
      );
    case 'decrypting':
      return <p className="message__body message__body--muted">{t('chat.decrypting')}</p>;
    case 'image':
    case 'file':
      return item.attachment ? (
        <AttachmentView load={vm.fetchAttachment} attachment={item.attachment} image={item.kind === 'image'} />
      ) : null;
    case 'emote':
      return (
        <p className="message__body">
          <em>
            {item.senderName} {item.body}
          </em>
        </p>
      );
    case 'notice':
      if (item.document) return <DocumentCardView card={item.document} />;
      if (item.meeting) return <MeetingNoticeView notice={item.meeting} />;
      return <p className="message__body">{item.body}</p>;
    default:
      return <p className="message__body">{item.body}</p>;
  }
}

/** One message with its reply quote, reactions and the actions the person may take on it. */
export function MessageItem({ vm, item, continued, unconfirmedSender, canModerate, canSend }: Props) {
  const { t, i18n } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (item.kind === 'membership') return <MembershipLine item={item} />;

  const sent = item.state === 'sent' && !item.id.startsWith('~');
  const readable = isReadable(item);
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: 'short' }).format(item.timestamp);
  const toggleReaction = (key: string) => {
    setPicking(false);
    void vm.toggleReaction(item, key);
  };
  const remove = () => {
    setDeleting(true);
    void vm.remove(item.id).then((removed) => {
      setDeleting(false);
      if (removed) setConfirmDelete(false);
    });
  };

  return (
    <article
      className={`message${item.own ? ' message--own' : ''}`}
      aria-label={t('chat.messageFrom', { name: item.senderName, time })}
    >
      <header className={continued ? 'visually-hidden' : 'message__header'}>
        <span className="message__sender">{item.senderName}</span>{' '}
        <time className="message__time" dateTime={new Date(item.timestamp).toISOString()}>
          {time}
        </time>
      </header>
      {item.replyTo && (
        <blockquote className="message__quote">
          <span className="visually-hidden">{t('chat.inReplyTo')} </span>
          <strong>{item.replyTo.senderName}</strong>: {item.replyTo.body ?? t('chat.quoteUnavailable')}
        </blockquote>
      )}
      {unconfirmedSender && (
        <p className="message__warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('chat.unverifiedSender')}
        </p>
      )}
      <Body vm={vm} item={item} />
      {item.edited && <span className="message__meta">{t('chat.edited')}</span>}
      {item.state === 'sending' && <span className="message__meta">{t('chat.sending')}</span>}
      {item.state === 'failed' && <span className="message__meta message__meta--problem">{t('chat.notSent')}</span>}
      {item.reactions.length > 0 && (
        <ul className="message__reactions" aria-label={t('chat.reactions')}>
          {item.reactions.map((r) => (
            <li key={r.key}>
              <button
                type="button"
                className="reaction"
                aria-pressed={r.mine !== undefined}
                aria-label={t('chat.reactionLabel', { key: r.key, count: r.count, names: r.senders.join(', ') })}
                disabled={!canSend}
                onClick={() => toggleReaction(r.key)}
              >
                <span aria-hidden="true">{r.key}</span> {r.count}
              </button>
            </li>
          ))}
        </ul>
      )}
      {sent && readable && canSend && (
        <div className="message__actions">
          <button type="button" className="button button--small" onClick={() => vm.reply(item)}>
            {t('chat.reply')}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-expanded={picking}
            onClick={() => setPicking((p) => !p)}
          >
            {t('chat.react')}
          </button>
          {item.own && (item.kind === 'text' || item.kind === 'emote') && (
            <button type="button" className="button button--small" onClick={() => vm.edit(item)}>
              {t('chat.edit')}
            </button>
          )}
          {(item.own || canModerate) && (
            <button type="button" className="button button--small" onClick={() => setConfirmDelete(true)}>
              {t('chat.delete')}
            </button>
          )}
          {picking && (
            <div className="reaction-picker" role="group" aria-label={t('chat.pickReaction')}>
              {QUICK_REACTIONS.map((key) => (
                <button
                  key={key}
                  type="button"
                  className="reaction"
                  aria-label={t('chat.reactWith', { key })}
                  onClick={() => toggleReaction(key)}
                >
                  {key}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={t('chat.deleteTitle')}
        confirmLabel={t('chat.delete')}
        cancelLabel={t('chat.cancel')}
        busy={deleting}
        busyLabel={t('chat.deleting')}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>{t('chat.deleteText')}</p>
      </ConfirmDialog>
    </article>
  );
}
