export * from './job-types';
export * from './queues';
export * from './job-payloads';
