// Drops every subgraph's database (the configured PostgreSQL databases, or the SQLite files in DATA_DIR).
import './development-mode';
import { SUBGRAPH_NAMES, loadConfig } from '../lib/config';
import { dropDatabase } from '../lib/subgraph/orm';

const config = loadConfig();
Promise.all(SUBGRAPH_NAMES.map((name) => dropDatabase(name, config))).catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
