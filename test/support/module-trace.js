// Preloaded with `node --require` by the deploy tests: when the process is asked to stop (or exits), writes the
// file of every module it loaded (require.cache, native addons included) to $MODULE_TRACE_DIR/<pid>.json.
const write = () => {
  const { join } = require('node:path');
  require('node:fs').writeFileSync(
    join(process.env.MODULE_TRACE_DIR, `${process.pid}.json`),
    JSON.stringify(Object.keys(require.cache)),
  );
};
process.on('exit', write);
// Registered before the service's own handler, so it runs first even if the shutdown then takes long.
process.prependListener('SIGTERM', write);
