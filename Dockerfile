# IP Pool Ledger: one image for the API and the worker; the command chooses which runs.
#   API (default):  node dist/apps/api/apps/api/src/main.js
#   worker:         node dist/apps/worker/apps/worker/src/main.js
#   CLI:            node dist/apps/api/apps/api/src/cli.js token:create|seed:demo ...
# Configuration is the environment of libs/runtime/src/env.ts; in containers always set
# DATABASE_URL (the embedded PostgreSQL is for `npm start` on a workstation) and REDIS_URL.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# `npm install`, not `npm ci` (see docs: the lockfile may lack other platforms' optional packages).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
