export * from './render-options';
export * from './render-steps';
export * from './film-description';
export * from './validate-render-input';
export * from './catalog';
