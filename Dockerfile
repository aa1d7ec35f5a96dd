# disrupt-hash: the same install and build as scripts/start, in a small Debian image.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN bash -c 'source scripts/lib.sh && install_workspace' && rm -rf /root/.cache /root/.local/share/pnpm/store
ENV NODE_ENV=production
# Until the HTTP service lands the image runs the command line: `docker run -v $PWD:/in IMAGE hash /in`
ENTRYPOINT ["node", "server/dist/cli/main.js"]
CMD ["--help"]
