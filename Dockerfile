# disrupt-hash in a small Debian image, built and started by the same scripts as the README.
#   docker build -t disrupt-hash .
#   docker run -p 8080:8080 -v disrupt-data:/data disrupt-hash
#   docker exec <container> node server/dist/cli/main.js platform add --name X --scopes match --json

# 1. Build: scripts/lib.sh's install (pnpm 10, frozen lockfile, `prepare` builds every package;
#    better-sqlite3 compiles from source), then the dev dependencies are pruned away.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN bash -c 'source scripts/lib.sh && install_workspace && prune_to_production'

# 2. Run: production dependencies and built files only, as the unprivileged `node` user.
FROM node:20-bookworm-slim
# Debian's ffmpeg decodes videos for `disrupt hash` and /v1/match/file (frames sampled at 1/s).
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build /app /app
# DISRUPT_PREBUILT: scripts/start serves what stage 1 built instead of installing again.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data DISRUPT_PREBUILT=1
VOLUME /data
EXPOSE 8080
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["scripts/start"]
