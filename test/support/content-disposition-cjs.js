// Jest cannot load ESM-only packages from CommonJS, which Node 20.19+ itself can (require(esm)).
// @fastify/static 10 requires content-disposition 3 (ESM) for reply.download(), which we never call;
// under Jest it gets the CommonJS 0.5 release, which offers the same `create` under another name.
const legacy = require('../../node_modules/content-disposition/index.js');
module.exports = { create: legacy, parse: legacy.parse };
