# syntax=docker/dockerfile:1
# bbb-chatops image: `docker build -t bbb-chatops .` then `docker compose up -d` (compose.yaml).
# Three stages: production packages (better-sqlite3 may compile: python3, make, g++ live only
# here), the build (all packages + `npm run build`), and a slim runtime with dist/ and the
# production node_modules, run as the unprivileged `node` user with its data on the /data volume.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The Matrix crypto binding is replaced by this stub (package.json "overrides"): node_modules links to it.
COPY vendor ./vendor

FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DB_PATH=/data/bbb-chatops.sqlite \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000
# The attendance chart (`report --chart`) draws its text with DejaVu Sans; slim images have no fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY vendor ./vendor
COPY bin ./bin
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The app's files stay root-owned (read-only to the bot); only /data is writable, and only by it.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness with Node itself (slim images have no curl): /healthz on the bot's own HTTP port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/adapters/cli.js"]
