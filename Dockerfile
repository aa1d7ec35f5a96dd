# disrupt-hash: the same install and build as scripts/start, in a small Debian image.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN bash -c 'source scripts/lib.sh && install_workspace' && rm -rf /root/.cache /root/.local/share/pnpm/store \
  && mkdir -p /data && chown node:node /data
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER node
# `docker run -p 8080:8080 -v disrupt-data:/data IMAGE` serves; any other command is a `disrupt` one,
# e.g. `docker run --rm -v disrupt-data:/data IMAGE platform add --name X --scopes match --json`.
ENTRYPOINT ["node", "server/dist/cli/main.js"]
CMD ["serve"]
