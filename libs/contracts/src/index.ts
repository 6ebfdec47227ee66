// Shared between the API and the GPU runner: names, options and payload shapes only, no logic
// that needs either app.
export * from './render';
export * from './jobs';
