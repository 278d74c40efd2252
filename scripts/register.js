// Runs the TypeScript sources through swc, which (unlike tsx/esbuild) emits the
// decorator metadata that type-graphql and MikroORM read.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.json');
require('reflect-metadata');
require('@swc-node/register');
