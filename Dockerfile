# ERP Bridge: one image for every process of the scale-out deployment (PostgreSQL + Redis).
#   web (default):  docker run -p 3000:3000 --env-file app.env erp-bridge
#   worker:         docker run --no-healthcheck --env-file app.env erp-bridge node build/scripts/worker.js
#   migrations:     docker run --rm --no-healthcheck --env-file app.env erp-bridge node build/scripts/db-migrate.js
#   key rotation:   docker run --rm --no-healthcheck --env-file app.env erp-bridge node build/scripts/rotate-secrets.js
# See docs/deployment.md for the environment and the order of steps.

# ---- build: dependencies, Prisma clients, the Remix app, the worker scripts, the sidebar
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Prisma's JavaScript engine with driver adapters (prisma/<kind>/prisma.config.ts): no engine
# binaries, both clients into prisma/generated/.
RUN npm run db:generate
RUN npm run build
# The worker and the database commands run under tsx in a checkout; the image runs them as
# plain JavaScript so it needs no dev dependencies. Packages stay in node_modules.
RUN npx esbuild scripts/worker.ts scripts/db-migrate.ts scripts/rotate-secrets.ts \
  --bundle --platform=node --format=esm --target=node20 --packages=external --alias:~=./app \
  --outdir=build/scripts --log-level=warning
# The Zendesk sidebar (zendesk-app/assets/): Zendesk serves it, the image only carries it for packaging.
RUN npm run zendesk:build
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies and build output, as the unprivileged "node" user
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
  PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
# Migrations and the generated clients: db-migrate.js reads prisma/<kind>/migrations.
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/zendesk-app/assets ./zendesk-app/assets
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "node_modules/@remix-run/serve/dist/cli.js", "build/server/index.js"]
