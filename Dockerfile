# One image for every Baeumteo service; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "-r", "./scripts/register.js", "gateway/main.ts"]
