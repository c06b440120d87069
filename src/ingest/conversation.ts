/**
 * Reading chat transcripts as the projects store them: a list of `{role, content}` messages
 * (OpenAI style; Chatbot Arena, Arena-Hard v2.0, MT-Bench human judgments). `content` is a
 * string, a `[text, images]` pair for multimodal turns, or Arena-Hard v2.0's `{answer}` object.
 */
import { isObject } from './fields';

export function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content) && typeof content[0] === 'string') return content[0];
  if (isObject(content) && typeof content.answer === 'string') return content.answer;
  return undefined;
}

/** Text of the messages with this role, in order. */
export function turnsOf(conversation: unknown, role: 'user' | 'assistant'): string[] {
  if (!Array.isArray(conversation)) return [];
  const texts: string[] = [];
  for (const message of conversation) {
    if (!isObject(message) || message.role !== role) continue;
    const text = messageText(message.content);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}
