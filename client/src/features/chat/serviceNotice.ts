/**
 * The workspace's field `key` of an m.notice, when the workspace's service account sent it;
 * anyone else's message with that key stays a plain message (nobody can dress a message up
 * as the workspace's card or notice).
 */
function serviceNoticeField(
  content: Record<string, unknown>,
  sender: string,
  serviceUserId: string | undefined,
  key: string,
): Record<string, unknown> | undefined {
  if (serviceUserId === undefined || sender !== serviceUserId) return undefined;
  if (content.msgtype !== 'm.notice') return undefined;
  const field = content[key];
  if (typeof field !== 'object' || field === null || Array.isArray(field)) return undefined;
  return field as Record<string, unknown>;
}

/**
 * A reader of the workspace's notices with field `key`: `read` turns the field into what the chat
 * shows, or undefined if it is not what it should be.
 */
export function serviceNoticeReader<T>(key: string, read: (field: Record<string, unknown>) => T | undefined) {
  return (content: Record<string, unknown>, sender: string, serviceUserId: string | undefined): T | undefined => {
    const field = serviceNoticeField(content, sender, serviceUserId, key);
    return field && read(field);
  };
}

/** An id in a notice's field: a string that is not empty. */
export const isId = (value: unknown): value is string => typeof value === 'string' && value !== '';
