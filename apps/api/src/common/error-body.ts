/** The one error shape every 4xx/5xx carries: a message a person can act on, never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field?: string; row?: number; message: string }[];
}
