import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageItem } from './MessageItem';
import type { RoomChatViewModel } from './matrix/roomChatViewModel';
import { useViewModel } from './useViewModel';

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/**
 * The conversation, oldest first. A log: screen readers announce new messages
 * politely. Stays at the newest message while the reader is there; loading
 * older messages keeps what was in view in place.
 */
export function Timeline({ vm }: { vm: RoomChatViewModel }) {
  const { t, i18n } = useTranslation();
  const {
    items,
    hasOlder: older,
    loadingOlder: loading,
    unconfirmedSenders,
    canPost,
    canRemoveMessages,
  } = useViewModel(vm);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBefore = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBefore.current !== undefined) {
      el.scrollTop += el.scrollHeight - heightBefore.current;
      heightBefore.current = undefined;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [items]);

  const loadMore = () => {
    if (loading) return;
    heightBefore.current = scroller.current?.scrollHeight;
    void vm.loadOlder();
  };

  const dayFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'full' });
  return (
    <div
      ref={scroller}
      className="timeline"
      tabIndex={0}
      role="region"
      aria-label={t('chat.timelineLabel')}
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {older && (
        <p className="timeline__older">
          <button type="button" className="button button--small" onClick={loadMore} aria-disabled={loading}>
            {loading ? t('chat.loadingOlder') : t('chat.loadOlder')}
          </button>
        </p>
      )}
      {!older && items.every((item) => item.kind === 'membership') && <p className="chat-notice">{t('chat.empty')}</p>}
      <div role="log" aria-label={t('chat.messages')} aria-busy={loading}>
        <ol className="timeline__list">
          {items.map((item, i) => {
            const previous = items[i - 1];
            const newDay = !previous || !sameDay(previous.timestamp, item.timestamp);
            return (
              <li key={item.id} className="timeline__entry">
                {newDay && (
                  <p className="timeline__day">
                    <time dateTime={new Date(item.timestamp).toISOString().slice(0, 10)}>
                      {dayFormat.format(item.timestamp)}
                    </time>
                  </p>
                )}
                <MessageItem
                  vm={vm}
                  item={item}
                  continued={!newDay && previous?.sender === item.sender && previous.kind !== 'membership'}
                  unconfirmedSender={unconfirmedSenders.has(item.id)}
                  canModerate={canRemoveMessages}
                  canSend={canPost}
                />
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
