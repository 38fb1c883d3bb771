/**
 * The one way for a job's code to say "this can never succeed, do not retry": services take it from
 * #queues, so only this library talks to BullMQ.
 */
export { UnrecoverableError } from 'bullmq';
