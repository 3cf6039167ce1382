/**
 * The product's chat client as the latency benchmark drives it: the chat module of
 * client/src/features/chat, in Node with its crypto store in memory.
 */
import fs from 'node:fs';

export interface ChatCredentials {
  homeserverUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
}

export interface ChatSession {
  userId: string;
  stop(): Promise<void>;
}

export interface TextMessage {
  roomId: string;
  eventId: string;
  sender: string;
  body: string;
}

export interface ProductChat {
  startChatSession(
    credentials: ChatCredentials,
    options?: { cryptoStore?: 'indexeddb' | 'memory' },
  ): Promise<ChatSession>;
  sendText(session: ChatSession, roomId: string, body: string): Promise<string>;
  onTextMessage(session: ChatSession, listener: (message: TextMessage) => void): () => void;
}

/** The chat module, or undefined while the repository has none yet. */
export async function loadProductChat(): Promise<ProductChat | undefined> {
  const module = new URL('../src/features/chat/matrix/chatSession.ts', import.meta.url);
  if (!fs.existsSync(module)) return undefined;
  const chat: ProductChat = await import(module.href);
  return chat;
}
