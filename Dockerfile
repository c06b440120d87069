# Verdicts GraphQL server. Build: docker build -t verdicts .  (or: docker compose up --build)
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, for layer caching. `npm install`, not `npm ci` (see .ci/run).
COPY package*.json ./
RUN npm install --no-audit --no-fund

COPY . .
RUN npm run build

# Dev dependencies stay: `npm start` rebuilds; CMD runs the compiled server directly.
# HOST: src/config.ts defaults to 127.0.0.1, which is unreachable through a published port.
ENV NODE_ENV=production
ENV HOST=0.0.0.0
ENV PORT=4000
EXPOSE 4000

CMD ["node", "dist/main.js", "serve"]
