import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiFailure } from '../../lib/api/http';
import { formatDateTime } from '../../lib/i18n/format';
import { paths } from '../../lib/router/paths';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { failureText } from '../../lib/ui/failureText';
import { PageHeading } from '../../lib/ui/PageHeading';
import type { ChatSession } from './matrix/chatSession';
import { ChatDevicesViewModel } from './matrix/chatDevicesViewModel';
import type { ChatDeviceView } from './matrix/devices';
import { ChatNotConnected } from './ChatNotConnected';
import { useChat } from './useChat';
import { useOwnedViewModel, useViewModel } from './useViewModel';
import './chat.css';
import { Table } from '../../lib/ui/Table';

function DeviceTable({ session }: { session: ChatSession }) {
  const { t, i18n } = useTranslation();
  const { api, status } = useSession();
  const announce = useAnnounce();
  const actor = status.kind === 'signed-in' ? status.actor : undefined;
  // The workspace's client and the person may be renewed while the page is open; a removal uses
  // the current ones, and the view-model lives as long as the chat session.
  const removeDevice = useRef<(deviceId: string) => Promise<unknown>>(undefined);
  removeDevice.current = (deviceId) =>
    api && actor?.tenantId && actor.userId
      ? api.removeChatDevice(actor.tenantId, actor.userId, deviceId)
      : Promise.reject(new Error('signed out'));
  const vm = useOwnedViewModel(
    () => new ChatDevicesViewModel({ session, removeDevice: (deviceId) => removeDevice.current!(deviceId) }),
    [session],
  );
  const snapshot = useViewModel(vm);
  if (!vm || !snapshot) return <Busy message={t('chat.devices.loading')} />;
  const { devices, loadFailed, removing, busy, removeFailure } = snapshot;

  const nameOf = (device: ChatDeviceView) => device.name || t('chat.devices.unnamed');
  const remove = () => {
    void vm.removeConfirmed().then((outcome) => {
      if (!outcome) return;
      announce(t('chat.devices.removed', { name: nameOf(outcome.removed) }), 'ok');
      // The row and its button go: focus moves to the page's heading, not to nowhere.
      if (outcome.listed) document.getElementById('chat-devices-heading')?.focus();
    });
  };
  const problemText = () => {
    const text = failureText(toApiFailure(removeFailure));
    return [t(text.key, text.values), text.serverDetail].filter(Boolean).join(' ');
  };

  if (loadFailed) {
    return (
      <div className="alert alert--problem" role="alert">
        <p>{t('chat.devices.loadFailed')}</p>
        <button type="button" className="button" onClick={() => void vm.load()}>
          {t('chat.retry')}
        </button>
      </div>
    );
  }
  if (!devices) return <Busy message={t('chat.devices.loading')} />;
  const language = i18n.resolvedLanguage ?? 'de';
  return (
    <>
      <Table
        caption={t('chat.devices.caption', { count: devices.length })}
        columns={[
          t('chat.devices.name'),
          t('chat.devices.id'),
          t('chat.devices.lastSeen'),
          t('chat.devices.status'),
          t('chat.devices.actions'),
        ]}
        testId="chat-devices"
      >
        {devices.map((device) => (
          <tr key={device.deviceId} data-device={device.deviceId}>
            <th scope="row">
              {nameOf(device)}
              {device.current && <span className="device-current"> ({t('chat.devices.thisBrowser')})</span>}
            </th>
            <td>
              <code>{device.deviceId}</code>
            </td>
            <td>
              {device.lastSeenAt === undefined
                ? t('chat.devices.neverSeen')
                : formatDateTime(new Date(device.lastSeenAt).toISOString(), language)}
            </td>
            <td>
              {device.verified ? (
                <span className="device-status device-status--verified">{t('chat.devices.verified')}</span>
              ) : (
                <span className="device-status device-status--unverified">{t('chat.devices.unverified')}</span>
              )}
            </td>
            <td>
              {device.current ? (
                <span className="muted">{t('chat.devices.signOutHint')}</span>
              ) : (
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  aria-label={t('chat.devices.removeNamed', { name: nameOf(device), id: device.deviceId })}
                  onClick={() => vm.askToRemove(device)}
                >
                  {t('chat.devices.remove')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        open={removing !== undefined}
        title={t('chat.devices.removeTitle', { name: removing ? nameOf(removing) : '' })}
        confirmLabel={t('chat.devices.remove')}
        cancelLabel={t('chat.cancel')}
        busy={busy}
        busyLabel={t('chat.devices.removing')}
        onConfirm={remove}
        onCancel={vm.cancelRemoving}
      >
        <p>{t('chat.devices.removeText', { id: removing?.deviceId ?? '' })}</p>
        {removeFailure !== undefined && (
          <p className="composer__problem" role="alert">
            {problemText()}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** The person's chat devices: which are confirmed, which browser this is, and removing one. */
export default function ChatDevicesPage() {
  const { t } = useTranslation();
  const { connection, state } = useChat();
  const content =
    state.kind === 'ready' ? (
      <DeviceTable session={state.session} />
    ) : (
      <ChatNotConnected
        connection={connection}
        state={state}
        needsLoginText={t('chat.devices.needsLogin')}
        returnTo={paths.chatDevices}
      />
    );
  return (
    <section className="page" aria-labelledby="chat-devices-heading">
      <PageHeading id="chat-devices-heading">{t('chat.devices.heading')}</PageHeading>
      <p>{t('chat.devices.intro')}</p>
      {content}
    </section>
  );
}
