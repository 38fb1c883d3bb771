import { z } from 'zod';

/** The fields beside the file of an import upload (POST /api/imports, multipart). The server sets submitter to the signed-in account, and a promoter's originBoard to its own board. */
export const IMPORT_REQUESTS = {
  upload: z.object({ originBoard: z.string().min(1, '请给出来源板块（originBoard）').max(50), submitter: z.string().trim().min(1, '请给出提交人（submitter）').max(100) }).strict(),
} as const;

export type ImportRequests = typeof IMPORT_REQUESTS;
export type ImportRequest<K extends keyof ImportRequests> = z.input<ImportRequests[K]>;
