# One image recipe for every service: `target: api`, `worker`, `migrate` or `cli` (see docker-compose.yml).
# The build stage compiles the whole workspace once; the service stages keep only what runs.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/csv/package.json packages/csv/
COPY packages/generator/package.json packages/generator/
COPY packages/db/package.json packages/db/
COPY packages/ingest/package.json packages/ingest/
COPY packages/report-reader/package.json packages/report-reader/
COPY packages/timeline-svg/package.json packages/timeline-svg/
COPY packages/jobs/package.json packages/jobs/
COPY packages/test-support/package.json packages/test-support/
COPY packages/service/package.json packages/service/
COPY packages/console/package.json packages/console/
COPY apps/cli/package.json apps/cli/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
# --ignore-scripts: the root's prepare script builds, which needs the sources (copied next) and,
# in the runtime stage, the dev dependencies; no dependency needs an install step.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

# Applies the migrations (the prisma CLI is a build-time tool, so this stage keeps it).
FROM build AS migrate
ENV NODE_ENV=production
CMD ["node", "apps/cli/dist/db-migrate.js"]

# The runtime: production dependencies, compiled output and the sample data (for the cli stage's
# default ingest), run as the unprivileged node user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/packages packages
COPY --from=build /app/apps apps
COPY --from=build /app/data data
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force \
  && mkdir -p /reports && chown node:node /reports
USER node
ENV REPORTS_DIR=/reports

# Outside a container the API listens on 127.0.0.1 only; here that would be unreachable.
FROM runtime AS api
ENV HOST=0.0.0.0
EXPOSE 8080
CMD ["node", "apps/api/dist/main.js"]

FROM runtime AS worker
CMD ["node", "apps/worker/dist/main.js"]

# The store-monitor command; by default it loads the sample data (docker compose run --rm seed).
# Other commands: docker compose run --rm seed ingest --data /data (with the folder mounted there).
FROM runtime AS cli
ENTRYPOINT ["node", "apps/cli/dist/main.js"]
CMD ["ingest", "--data", "/app/data"]
