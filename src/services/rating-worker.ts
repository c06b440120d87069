/**
 * The body of a rating worker thread (rating-workers.ts): each message is a rating task, each
 * answer its ratings or the error it threw, by the message's id.
 */
import { parentPort } from 'node:worker_threads';
import { runRatingTask, type RatingTask } from './rating-task';

export interface RatingRequestMessage {
  id: number;
  task: RatingTask;
}

export type RatingAnswerMessage =
  | { id: number; ratings: ReturnType<typeof runRatingTask> }
  | { id: number; error: { name: string; message: string; stack: string | undefined } };

parentPort?.on('message', ({ id, task }: RatingRequestMessage) => {
  let answer: RatingAnswerMessage;
  try {
    answer = { id, ratings: runRatingTask(task) };
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    answer = { id, error: { name: error.name, message: error.message, stack: error.stack } };
  }
  parentPort?.postMessage(answer);
});
