# One image for every Baeumteo service; the command picks the service:
#   node --max-old-space-size=384 dist/gateway/main.js            the gateway (PORT, default 4000)
#   node --max-old-space-size=256 dist/subgraphs/<name>/main.js   a subgraph: centers, schools, libraries, cultural-centers, civil-providers
# (the heap bounds of lib/service.ts HEAP_LIMIT_MB, as docker-compose.yml and deploy/kubernetes/ give them)
# Build: docker build -t baeumteo .   (Node 24 LTS; the code also runs on Node 20, see README "Deployment")

# --- build: the toolchain for native modules, all dependencies, the compiled services -------------------------------
FROM node:24-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# better-sqlite3 compiled here from source against this Node's own headers: no prebuilt binary nor header download.
ENV npm_config_build_from_source=true npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# swc to dist/ (scripts/build.js), then drop the dev dependencies (swc, TypeScript, jest ...) from node_modules.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && test -f node_modules/better-sqlite3/build/Release/better_sqlite3.node

# --- runtime: Node, the pruned node_modules and dist/ only; no compilers, no sources ---------------------------------
FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--enable-source-maps
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The code is owned by root and read-only to the service; it runs as the image's unprivileged `node` user (uid 1000).
# Set DATABASE_URL: on Node 24 the embedded SQLite database is refused (better-sqlite3 11 aborts there, see README).
RUN mkdir -p /app/data && chown node:node /app/data
ENV DATA_DIR=/app/data
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
# Healthy when the service answers /health on its own port (every service serves /health and /ready; the port is
# PORT for the gateway, <NAME>_PORT for a subgraph): plain Node, no curl in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "dist/lib/healthcheck.js"]
CMD ["node", "--max-old-space-size=384", "dist/gateway/main.js"]
