import { decideAdmission, withdrawOwnAdmission } from '../../commands/meetings/admissions.js';
import { withdrawAsGuest } from '../../commands/meetings/guestLinks.js';
import type { Store } from '../../domain/ports/store.js';
import { admissionDecisionIn, admissionParams, guestAdmissionParams } from '@arbeitsbereich/contract';
import { route } from './apiRoute.js';
import { contextOf } from './commandContext.js';

/** The meeting's waiting room (ADR 0051): moderators answer a guest's request; the guest may withdraw it. */
export function admissionRoutes(deps: { store: Store }) {
  return [
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/waiting/:admissionId',
      operationId: 'decideAdmission',
      summary: 'Let a waiting link guest into the room’s meeting, or turn them away (owners and moderators; audited)',
      tag: 'meetings',
      params: admissionParams,
      body: admissionDecisionIn,
      responses: {
        204: { description: 'Answered; the guest hears it at their next call' },
        403: { description: 'Only the room’s owners and moderators let guests in' },
        404: { description: 'No such room or request (or not visible to the caller)' },
        409: {
          description:
            'Answered already (by another moderator), withdrawn by the guest, or lapsed: `type` ends in admission-decided; or the room is archived, or meetings are off',
        },
        503: { description: 'No video system is configured; `detail` names the settings' },
      },
      handler: async (input) => {
        await decideAdmission(
          deps,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
          input.params.admissionId,
          input.body.admit,
        );
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/waiting/:admissionId',
      operationId: 'withdrawOwnAdmission',
      summary:
        'A guest of the room stops waiting: their request leaves the moderators’ list at once (the guest who asked only; audited)',
      tag: 'meetings',
      params: admissionParams,
      responses: {
        204: { description: 'Withdrawn (or over already)' },
        403: { description: 'Not a member who may join the meeting, or another person’s request' },
        404: { description: 'No such room or request (or not visible to the caller)' },
        409: {
          description:
            'A moderator has answered the request already: `type` ends in admission-decided; or the room is archived, or meetings are off',
        },
      },
      handler: async (input) => {
        const { tenantId, roomId, admissionId } = input.params;
        await withdrawOwnAdmission(deps, contextOf(input), tenantId, roomId, admissionId);
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/guest/:token/admissions/:admissionId',
      operationId: 'withdrawGuestAdmission',
      summary:
        'A link guest stops waiting: the request leaves the moderators’ list at once (the link’s own requests only; no sign-in; audited)',
      tag: 'meetings',
      params: guestAdmissionParams,
      public: true,
      responses: {
        204: { description: 'Withdrawn (or over already)' },
        404: { description: 'No such link, or no such request of this link' },
        409: {
          description:
            'A moderator has answered the request already (`type` ends in admission-decided), or guests or meetings are off for the tenant',
        },
        410: {
          description: 'The link expired or was revoked: `type` ends in guest-link-expired or guest-link-revoked',
        },
      },
      handler: async (input) => {
        await withdrawAsGuest(deps.store, input.params.token, input.params.admissionId, input.now, input.requestId);
        return { status: 204 };
      },
    }),
  ];
}
