import { bindChatDeviceToSession, removeChatDevice, type ChatDeviceDeps } from '../../commands/chat/chatDevices.js';
import { forbidden } from '../../domain/errors.js';
import { route } from './apiRoute.js';
import { chatDeviceBindingIn, chatDeviceParams } from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';

export function chatDeviceRoutes(deps: ChatDeviceDeps) {
  return [
    route({
      method: 'delete',
      path: '/tenants/:tenantId/people/:personId/chat-devices/:deviceId',
      operationId: 'removeChatDevice',
      summary: 'Sign out one of the caller’s own chat devices (only its owner may; another’s is not found)',
      tag: 'people',
      params: chatDeviceParams,
      responses: {
        204: { description: 'The device is signed out; it gets no more room keys' },
        403: { description: 'Not the caller’s own account' },
        404: { description: 'No such device of the caller (or no such person visible to the caller)' },
        503: { description: 'The homeserver (or its admin token) is not available' },
      },
      handler: async (input) => {
        await removeChatDevice(
          deps,
          contextOf(input),
          input.params.tenantId,
          input.params.personId,
          input.params.deviceId,
        );
        return { status: 204 };
      },
    }),
    route({
      method: 'post',
      path: '/session/chat-devices',
      operationId: 'bindChatDevice',
      summary:
        'Tie a chat device of the caller’s own account to this session: it is logged out at the homeserver when the session ends',
      tag: 'people',
      body: chatDeviceBindingIn,
      responses: {
        204: { description: 'The device is tied to this session (also when it was already)' },
        404: { description: 'No such device of the caller’s chat account' },
        503: { description: 'The homeserver (or its admin token) is not available' },
      },
      handler: async (input) => {
        if (input.sessionId === null) throw forbidden();
        await bindChatDeviceToSession(deps, contextOf(input), input.sessionId, input.body.deviceId);
        return { status: 204 };
      },
    }),
  ];
}
