# The Dockerfile most Node projects start from: it works, and it ships a 1 GB image
# that reinstalls every dependency whenever a source file changes.
FROM node:26-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
CMD ["node", "server.js"]
