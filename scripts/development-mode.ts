/**
 * Imported first by the development tools (compose, seed, migrations, drop-databases): like `npm start`, they run
 * in development mode unless NODE_ENV says otherwise, while a service started on its own is a production service
 * (lib/config.ts). An operator seeding or migrating production sets NODE_ENV=production and the real secrets.
 */
process.env.NODE_ENV ??= 'development';
