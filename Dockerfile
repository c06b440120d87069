# Verdicts GraphQL server. Build: docker build -t verdicts .  (or: docker compose up --build)
# Node 22 is an LTS line until April 2027 (Node 20 left LTS in April 2026).
FROM node:22-bookworm-slim

WORKDIR /app

# Dependencies first, for layer caching, exactly as package-lock.json pins them.
# `npm ci` runs `prepare` (the build), which needs the sources, so scripts wait for `COPY . .`.
COPY package*.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

COPY . .
# `prepare` links `verdicts` into node_modules/.bin (for npx), then builds.
RUN npm run prepare

# Dev dependencies stay: `npm start` rebuilds; CMD runs the compiled server directly.
# HOST: src/config.ts defaults to 127.0.0.1, which is unreachable through a published port.
ENV NODE_ENV=production
ENV HOST=0.0.0.0
ENV PORT=4000
EXPOSE 4000

CMD ["node", "dist/main.js", "serve"]
