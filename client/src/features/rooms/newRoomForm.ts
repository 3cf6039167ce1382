import { type NewRoom, type RoomVisibility } from '@arbeitsbereich/contract';

/** The server's limits (its zod schema); checked here too so the form can say so at once. */
export const NAME_MAX = 200;
export const TOPIC_MAX = 1000;

export interface RoomFormValues {
  name: string;
  topic: string;
  visibility: RoomVisibility;
}

export type RoomFormField = 'name' | 'topic';
export type RoomFormProblem = { code: 'required' } | { code: 'tooLong'; max: number };

export const EMPTY_ROOM_FORM: RoomFormValues = { name: '', topic: '', visibility: 'private' };

/** Problems of the form's values, by field, in form order; empty when it may be sent. */
export function checkRoomForm(values: RoomFormValues): Partial<Record<RoomFormField, RoomFormProblem>> {
  const problems: Partial<Record<RoomFormField, RoomFormProblem>> = {};
  const name = values.name.trim();
  if (name === '') problems.name = { code: 'required' };
  else if (name.length > NAME_MAX) problems.name = { code: 'tooLong', max: NAME_MAX };
  if (values.topic.trim().length > TOPIC_MAX) problems.topic = { code: 'tooLong', max: TOPIC_MAX };
  return problems;
}

/** The request body: trimmed, without an empty topic. */
export function newRoomOf(values: RoomFormValues): NewRoom {
  const topic = values.topic.trim();
  return { name: values.name.trim(), visibility: values.visibility, ...(topic ? { topic } : {}) };
}

/** Only what differs from the room, trimmed: PATCH sends nothing else. */
export function roomChanges(
  room: Pick<RoomFormValues, 'name' | 'topic' | 'visibility'>,
  values: RoomFormValues,
): Partial<NewRoom> {
  const name = values.name.trim();
  const topic = values.topic.trim();
  return {
    ...(name !== room.name ? { name } : {}),
    ...(topic !== room.topic ? { topic } : {}),
    ...(values.visibility !== room.visibility ? { visibility: values.visibility } : {}),
  };
}
