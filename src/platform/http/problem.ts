/** RFC 9457 problem details, the body of every error this API sends. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  messages: string[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://ai-film-studio.dev/problems/';

export function problemType(code: string): string {
  return PROBLEM_BASE + code;
}
