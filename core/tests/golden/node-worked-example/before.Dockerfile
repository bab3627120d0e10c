# The Dockerfile most Node projects start from: it works, and it ships a 1 GB image
# that reinstalls every dependency whenever a source file changes.
FROM node:latest
WORKDIR /app
COPY . .
RUN npm install
CMD ["node", "server.js"]
