/**
 * The product's chat client as the latency benchmark drives it: the chat module of
 * client/src/features/chat, in Node with its crypto store in memory.
 */
import { onTextMessage, sendText, startChatSession } from '../src/features/chat/matrix/chatSession';

export type { ChatCredentials, ChatSession, TextMessage } from '../src/features/chat/matrix/chatSession';

export const productChat = { startChatSession, sendText, onTextMessage };
