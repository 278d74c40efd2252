// V8's sampling profiler in every service of a hub, driven by signals (`--cpu-prof` is refused in NODE_OPTIONS):
//   NODE_OPTIONS="--require ./bench/profile/preload.cjs" npm start
//   kill -WINCH <pid>   starts (or restarts) the profile, after a warm-up
//   kill -USR2 <pid>    writes it to $PROFILE_DIR (default /tmp) as <pid>-<n>.cpuprofile
// Then: node bench/profile/summarize.mjs /tmp/<pid>-0.cpuprofile
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 }); // µs
let written = 0;
process.on('SIGWINCH', () => session.post('Profiler.start'));
process.on('SIGUSR2', () =>
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(process.env.PROFILE_DIR ?? '/tmp', `${process.pid}-${written++}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  }),
);
