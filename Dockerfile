# syntax=docker/dockerfile:1
# One image for the API, the worker and the one-shot migration: the command picks the role
# (docker-compose.yml). scripts/ci/image-steps.sh runs these steps outside Docker in CI; keep the two in step.

# --- build: every dependency, compile the server, build the H5 pages --------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3's prebuilt download is not always reachable: node-gyp compiles it then.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- prod-deps: the server workspace's production dependencies only (no Taro, jest, tsx, esbuild) ---
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN npm ci --omit=dev --workspace server --no-audit --no-fund && npm cache clean --force

# --- runtime: compiled output + production dependencies, as an unprivileged user ----------------------
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/package.json ./
COPY --from=prod-deps /app/server/package.json ./server/
COPY --from=build /app/server/dist ./server/dist
COPY --from=build /app/miniapp/dist/h5 ./miniapp/dist/h5
# DATA_DIR: owner-only, like the server creates it (uploads, and the SQLite file when no DATABASE_URL).
RUN mkdir -m 0700 /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 directly (not npm): SIGTERM reaches the server, which drains requests and jobs.
CMD ["node", "--enable-source-maps", "server/dist/main.js"]
